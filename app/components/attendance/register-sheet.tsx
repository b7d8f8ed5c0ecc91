/**
 * A session register made for a phone in a church hall: big buttons, one
 * person per row. Every button is its own form, so it works without
 * JavaScript (a plain POST and a new page). With JavaScript each tap shows at
 * once and saves in the background with a plain fetch to `saveUrl`; a save
 * that fails (no signal) stays on screen marked "not saved", with a button to
 * try again, and is retried when the phone comes back online. (Not a Remix
 * fetcher: after an action Remix reloads every route's data, which fails
 * offline and would replace the register with an error page.)
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "~/components/forms/field";
import type { OrganiserMark } from "~/modules/bookings";
import { offlineResult, type RegisterActionResult, walkInSchema } from "~/modules/attendance";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { CheckboxField } from "~/components/forms/checkbox-field";

export interface RegisterSheetPerson {
  bookingId: string;
  name: string;
  code: string;
  attendance: OrganiserMark;
  selfReported: "went" | "missed" | null;
  walkIn: boolean;
}

export interface RegisterSheetView {
  sessionId: string;
  activityTitle: string;
  organisationName: string;
  venueName: string | null;
  when: string;
  state: "cancelled" | "not_started" | "open" | "locked";
  stateMessage: string | null;
  locksOn: string;
  reopenedUntil: string | null;
  cancelReason: string | null;
  people: RegisterSheetPerson[];
  counts: { booked: number; attended: number; noShow: number; unmarked: number };
  viewer: { kind: "member" | "admin" | "link"; canMark: boolean; canAddWalkIn: boolean; canReopen: boolean; canResendLink: boolean };
  linkSentAt: string | null;
  linkRecipient: string | null;
}

const markWords: Record<OrganiserMark, string> = {
  attended: "Attended",
  no_show: "Did not attend",
  unmarked: "Not marked yet",
};

/** A mark made on this screen that the page's data does not show yet. */
interface LocalMark {
  attendance: OrganiserMark;
  status: "saving" | "saved" | "unsaved";
}

async function post(saveUrl: string, body: FormData): Promise<RegisterActionResult> {
  try {
    const response = await fetch(saveUrl, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (response.status >= 500) return offlineResult(body);
    return (await response.json()) as RegisterActionResult;
  } catch {
    return offlineResult(body);
  }
}

function markForm(bookingId: string, attendance: OrganiserMark): FormData {
  const body = new FormData();
  body.set("intent", "mark");
  body.set("bookingId", bookingId);
  body.set("attendance", attendance);
  return body;
}

/** The submit button's value, so one form can carry three buttons. */
function submittedValue(event: FormEvent<HTMLFormElement>): string | null {
  const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  return submitter?.value ?? null;
}

function useRegisterSaves(view: RegisterSheetView, saveUrl: string) {
  const [local, setLocal] = useState<Record<string, LocalMark>>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [everyoneError, setEveryoneError] = useState<string | null>(null);
  // Only the latest tap on a row counts, whatever order the answers arrive in.
  const latest = useRef<Record<string, number>>({});

  // New data from the server (a walk-in, a reload) replaces marks already saved.
  useEffect(() => {
    setLocal((current) => {
      const kept = Object.entries(current).filter(([, m]) => m.status !== "saved");
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }, [view.people]);

  const saveMark = useCallback(
    async (bookingId: string, attendance: OrganiserMark) => {
      const ticket = (latest.current[bookingId] ?? 0) + 1;
      latest.current[bookingId] = ticket;
      setLocal((m) => ({ ...m, [bookingId]: { attendance, status: "saving" } }));
      setRefusals(({ [bookingId]: _gone, ...rest }) => rest);
      const result = await post(saveUrl, markForm(bookingId, attendance));
      if (latest.current[bookingId] !== ticket || result.intent !== "mark") return;
      if (result.ok) {
        setLocal((m) => ({ ...m, [bookingId]: { attendance, status: "saved" } }));
      } else if (result.offline) {
        setLocal((m) => ({ ...m, [bookingId]: { attendance, status: "unsaved" } }));
      } else {
        const error = result.error;
        setLocal(({ [bookingId]: _gone, ...rest }) => rest);
        setRefusals((r) => ({ ...r, [bookingId]: error }));
      }
    },
    [saveUrl],
  );

  const shownMark = useCallback(
    (person: RegisterSheetPerson): OrganiserMark => local[person.bookingId]?.attendance ?? person.attendance,
    [local],
  );

  const saveEveryone = useCallback(async () => {
    const targets = view.people.filter((p) => shownMark(p) === "unmarked").map((p) => p.bookingId);
    setEveryoneError(null);
    setLocal((m) => ({ ...m, ...Object.fromEntries(targets.map((id) => [id, { attendance: "attended", status: "saving" } as LocalMark])) }));
    const body = new FormData();
    body.set("intent", "everyone");
    const result = await post(saveUrl, body);
    const status: LocalMark["status"] | null = result.ok ? "saved" : result.intent === "everyone" && result.offline ? "unsaved" : null;
    if (status) {
      // Unsaved ones are retried one by one, like any other mark.
      setLocal((m) => ({ ...m, ...Object.fromEntries(targets.map((id) => [id, { attendance: "attended", status } as LocalMark])) }));
    } else {
      setLocal((m) => Object.fromEntries(Object.entries(m).filter(([id]) => !targets.includes(id))));
      setEveryoneError(result.intent === "everyone" && !result.ok ? result.error : "That could not be saved.");
    }
  }, [saveUrl, shownMark, view.people]);

  const unsaved = Object.entries(local).filter(([, m]) => m.status === "unsaved");
  const retryUnsaved = useCallback(() => {
    for (const [bookingId, mark] of Object.entries(local)) if (mark.status === "unsaved") void saveMark(bookingId, mark.attendance);
  }, [local, saveMark]);

  useEffect(() => {
    if (!unsaved.length) return;
    window.addEventListener("online", retryUnsaved);
    // Leaving the page would lose marks that are only on screen.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("online", retryUnsaved);
      window.removeEventListener("beforeunload", warn);
    };
  }, [retryUnsaved, unsaved.length]);

  return { local, refusals, everyoneError, saveMark, saveEveryone, shownMark, unsavedCount: unsaved.length, retryUnsaved };
}

function MarkButton({ person, value, shown, label, className }: { person: RegisterSheetPerson; value: OrganiserMark; shown: OrganiserMark; label: string; className: string }) {
  return (
    <button
      type="submit"
      name="attendance"
      value={value}
      className={className}
      aria-pressed={value === "unmarked" ? undefined : shown === value}
      // Said with the person's name, so a screen reader user knows whose button it is.
      aria-label={`${label}: ${person.name}`}
    >
      {label}
    </button>
  );
}

function PersonRow({
  person,
  shown,
  local,
  canMark,
  error,
  onMark,
}: {
  person: RegisterSheetPerson;
  shown: OrganiserMark;
  local: LocalMark | undefined;
  canMark: boolean;
  error: string | undefined;
  onMark: (attendance: OrganiserMark) => void;
}) {
  const unsaved = local?.status === "unsaved";
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const value = submittedValue(event);
    if (value !== "attended" && value !== "no_show" && value !== "unmarked") return;
    event.preventDefault();
    onMark(value);
  };
  return (
    <li className={`register-person mark-${shown}${unsaved ? " is-unsaved" : ""}`}>
      <div className="register-who">
        <h3 className="register-name">{person.name}</h3>
        <span className="register-code">
          <span className="visually-hidden">Reference </span>
          {person.code}
        </span>
        {person.walkIn && <span className="tag">Walk-in</span>}
      </div>
      <p className="register-state">
        <strong>{markWords[shown]}</strong>
        {local?.status === "saving" && <span className="register-saving"> — saving…</span>}
        {unsaved && <span className="register-unsaved"> — not saved yet</span>}
        {person.selfReported && (
          <span className="register-self-report">
            {" "}
            ({person.selfReported === "went" ? "they said they went" : "they said they could not go"})
          </span>
        )}
      </p>
      {canMark && (
        <form method="post" className="register-buttons" onSubmit={submit}>
          <input type="hidden" name="intent" value="mark" />
          <input type="hidden" name="bookingId" value={person.bookingId} />
          <MarkButton person={person} value="attended" shown={shown} className="mark-attended" label="Attended" />
          <MarkButton person={person} value="no_show" shown={shown} className="mark-no-show" label="Did not attend" />
          {shown !== "unmarked" && <MarkButton person={person} value="unmarked" shown={shown} className="secondary mark-undo" label="Undo" />}
        </form>
      )}
      {(error || unsaved) && (
        <div className="register-error" role="alert">
          <p>{error ?? "Not saved: we could not reach Linkway. Check you have signal, then try again."}</p>
          {unsaved && (
            <button type="button" className="secondary" onClick={() => onMark(local.attendance)} aria-label={`Try again: ${person.name}`}>
              Try again
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function WalkInForm({ pageResult, saveUrl }: { pageResult: RegisterActionResult | undefined; saveUrl: string }) {
  const revalidator = useRevalidator();
  const [scripted, setScripted] = useState<RegisterActionResult | undefined>();
  const result = scripted ?? pageResult;
  const walkIn = result?.intent === "walk_in" ? result : undefined;
  const [form, fields] = useSchemaForm(walkInSchema, {
    id: "walk-in",
    lastResult: walkIn?.reply,
    onSubmit(event, { formData }) {
      event.preventDefault();
      void post(saveUrl, formData).then((answer) => {
        setScripted(answer);
        if (answer.ok) revalidator.revalidate();
      });
    },
  });
  const hasErrors = Boolean(walkIn && !walkIn.ok);
  const added = walkIn?.ok ? walkIn.added : undefined;
  return (
    <section aria-labelledby="walk-in-heading" className="register-section">
      {added && (
        <p className="notice" role="status">
          {added.name} was added as attended. Their reference is {added.code}.
        </p>
      )}
      <details open={hasErrors || undefined}>
        <summary>
          <h2 id="walk-in-heading">Add someone who walked in</h2>
        </summary>
        <p>They will be added to this register as attended, as a self-referral. Ask them first if they agree.</p>
        <form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="walk_in" />
          {form.errors?.length ? (
            <div className="error-summary" role="alert" id={form.errorId}>
              {form.errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
          <Field label="First name" meta={fields.firstName}>
            {(props) => <input {...getInputProps(fields.firstName, { type: "text" })} {...props} autoComplete="off" />}
          </Field>
          <Field label="Last name" hint="Or just its first letter." meta={fields.lastName}>
            {(props) => <input {...getInputProps(fields.lastName, { type: "text" })} {...props} autoComplete="off" />}
          </Field>
          <Field label="Email address (optional)" hint="So we can ask them later how they are getting on." meta={fields.email}>
            {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="off" />}
          </Field>
          <Field label="Phone number (optional)" meta={fields.phone}>
            {(props) => <input {...getInputProps(fields.phone, { type: "tel" })} {...props} autoComplete="off" />}
          </Field>
          <CheckboxField meta={fields.consent}>They agreed to share these details with this group</CheckboxField>
          <button type="submit">Add walk-in</button>
        </form>
      </details>
    </section>
  );
}

export function RegisterSheet({ view, pageResult, saveUrl }: { view: RegisterSheetView; pageResult?: RegisterActionResult; saveUrl: string }) {
  const saves = useRegisterSaves(view, saveUrl);
  const shown = view.people.map((p) => saves.shownMark(p));
  const counts = {
    attended: shown.filter((m) => m === "attended").length,
    noShow: shown.filter((m) => m === "no_show").length,
    unmarked: shown.filter((m) => m === "unmarked").length,
  };
  // Without JavaScript the answer to a POST arrives with the new page.
  const pageMarkError = pageResult?.intent === "mark" && !pageResult.ok ? pageResult : undefined;
  const everyoneError = saves.everyoneError ?? (pageResult?.intent === "everyone" && !pageResult.ok ? pageResult.error : null);
  const notice = pageResult && (pageResult.intent === "reopen" || pageResult.intent === "resend_link" || pageResult.intent === "unknown") ? pageResult : undefined;

  const submitEveryone = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void saves.saveEveryone();
  };

  return (
    <div className="container narrow register">
      <p className="register-kicker">Register</p>
      <h1>{view.activityTitle}</h1>
      <p className="lead">
        {view.when}
        {view.venueName ? `, ${view.venueName}` : ""}
      </p>

      {view.state === "open" && view.reopenedUntil && (
        <p className="notice">This register was reopened by Linkway staff. You can make changes until {view.reopenedUntil}.</p>
      )}
      {view.state !== "open" && view.stateMessage && (
        <p className="notice warn">
          {view.stateMessage}
          {view.cancelReason ? ` Reason given: ${view.cancelReason}` : ""}
        </p>
      )}
      {notice && (
        <p className={notice.ok ? "notice" : "notice warn"} role="status">
          {notice.message}
        </p>
      )}

      <p className="register-counts" aria-live="polite">
        <span>{view.people.length} booked</span>
        <span>{counts.attended} attended</span>
        <span>{counts.noShow} did not attend</span>
        <span>{counts.unmarked} not marked</span>
      </p>

      {saves.unsavedCount > 0 && (
        <div className="notice warn register-unsaved-banner" role="alert">
          <p>
            <strong>{saves.unsavedCount === 1 ? "1 change is" : `${saves.unsavedCount} changes are`} not saved yet.</strong> They are kept on this
            screen. Check you have signal, then try again.
          </p>
          <button type="button" onClick={saves.retryUnsaved}>
            Try saving again
          </button>
        </div>
      )}

      {view.viewer.canMark && counts.unmarked > 0 && (
        <form method="post" className="register-everyone" onSubmit={submitEveryone}>
          <input type="hidden" name="intent" value="everyone" />
          <button type="submit" className="mark-everyone" aria-describedby="everyone-hint">
            Everyone attended
          </button>
          <span className="hint" id="everyone-hint">
            Marks everyone not yet marked as attended. You can change anyone afterwards.
          </span>
        </form>
      )}
      {everyoneError && (
        <p className="notice warn" role="alert">
          {everyoneError}
        </p>
      )}

      <h2 className="visually-hidden">People booked</h2>
      {view.people.length ? (
        <ul className="register-list">
          {view.people.map((person, i) => (
            <PersonRow
              key={person.bookingId}
              person={person}
              shown={shown[i]}
              local={saves.local[person.bookingId]}
              canMark={view.viewer.canMark}
              error={saves.refusals[person.bookingId] ?? (pageMarkError?.bookingId === person.bookingId ? pageMarkError.error : undefined)}
              onMark={(attendance) => void saves.saveMark(person.bookingId, attendance)}
            />
          ))}
        </ul>
      ) : (
        <p>Nobody is booked on this session yet.</p>
      )}

      {view.viewer.canAddWalkIn && <WalkInForm pageResult={pageResult} saveUrl={saveUrl} />}

      {view.viewer.kind === "member" && (
        <section aria-labelledby="one-tap-heading" className="register-section">
          <h2 id="one-tap-heading">One-tap link</h2>
          <p>
            {view.linkSentAt
              ? `A link to mark this register without signing in was emailed on ${view.linkSentAt}.`
              : "After the session, a link to mark this register without signing in is emailed to the activity's contact."}{" "}
            It works only for this session, until {view.locksOn}.
          </p>
          {view.viewer.canResendLink && (
            <Form method="post">
              <input type="hidden" name="intent" value="resend_link" />
              <button type="submit" className="secondary">
                Email a new link{view.linkRecipient ? ` to ${view.linkRecipient}` : ""}
              </button>
            </Form>
          )}
        </section>
      )}

      {view.viewer.kind === "link" && (
        <p className="hint">You opened this register from an emailed link. It works only for this session, until {view.locksOn}.</p>
      )}

      {view.viewer.canReopen && (
        <Form method="post" className="register-section">
          <input type="hidden" name="intent" value="reopen" />
          <button type="submit" className="secondary">
            Reopen this register for 7 days
          </button>
        </Form>
      )}
    </div>
  );
}
