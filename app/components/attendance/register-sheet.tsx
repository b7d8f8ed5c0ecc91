/**
 * A session register made for a phone in a church hall: big buttons, one
 * person per row. Every button is its own form, so it works without
 * JavaScript; with JavaScript each tap saves in the background and shows at
 * once. A save that fails (no signal) stays on screen, marked "not saved",
 * with a button to try again — and is retried when the phone comes back online.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { Field } from "~/components/forms/field";
import type { OrganiserMark } from "~/modules/attendance/effective-attendance";
import type { RegisterActionResult } from "~/modules/attendance/register-results";
import { walkInSchema } from "~/modules/attendance/schemas";

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

type EveryoneState = "idle" | "saving" | "unsaved";

function MarkButton({
  person,
  value,
  shown,
  disabled,
  className,
  label,
}: {
  person: RegisterSheetPerson;
  value: OrganiserMark;
  shown: OrganiserMark;
  disabled: boolean;
  className: string;
  label: string;
}) {
  return (
    <button
      type="submit"
      name="attendance"
      value={value}
      className={className}
      aria-pressed={value === "unmarked" ? undefined : shown === value}
      disabled={disabled}
    >
      {label}
      <span className="visually-hidden">: {person.name}</span>
    </button>
  );
}

function PersonRow({
  person,
  canMark,
  everyone,
  retryAll,
  pageResult,
  onUnsavedChange,
}: {
  person: RegisterSheetPerson;
  canMark: boolean;
  everyone: EveryoneState;
  retryAll: number;
  pageResult: RegisterActionResult | undefined;
  onUnsavedChange: (bookingId: string, unsaved: boolean) => void;
}) {
  const fetcher = useFetcher<RegisterActionResult>({ key: `mark:${person.bookingId}` });
  const submitting = fetcher.formData?.get("attendance") as OrganiserMark | undefined;
  const own = fetcher.data?.intent === "mark" && fetcher.data.bookingId === person.bookingId ? fetcher.data : undefined;
  // Without JavaScript the answer arrives as the page's action data instead.
  const noScript = pageResult?.intent === "mark" && pageResult.bookingId === person.bookingId ? pageResult : undefined;
  const result = fetcher.state === "idle" ? (own ?? noScript) : undefined;
  const failed = result && !result.ok ? result : undefined;
  const unsavedMark = failed?.offline ? failed.attendance : undefined;
  const everyoneMark = everyone !== "idle" && person.attendance === "unmarked" ? "attended" : undefined;
  const shown: OrganiserMark = submitting ?? unsavedMark ?? everyoneMark ?? person.attendance;
  const saving = Boolean(submitting) || (everyone === "saving" && everyoneMark !== undefined);
  const unsaved = unsavedMark !== undefined || (everyone === "unsaved" && everyoneMark !== undefined);

  const retry = useCallback(() => {
    if (unsavedMark === undefined) return;
    fetcher.submit({ intent: "mark", bookingId: person.bookingId, attendance: unsavedMark }, { method: "post" });
  }, [fetcher, person.bookingId, unsavedMark]);

  useEffect(() => {
    onUnsavedChange(person.bookingId, unsavedMark !== undefined);
  }, [onUnsavedChange, person.bookingId, unsavedMark]);

  useEffect(() => {
    if (unsavedMark === undefined) return;
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [retry, unsavedMark]);

  useEffect(() => {
    if (retryAll > 0) retry();
    // Only a new "try again" tap should resend, not every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [retryAll]);

  const headingId = `person-${person.bookingId}`;
  return (
    <li className={`register-person mark-${shown}${unsaved ? " is-unsaved" : ""}`}>
      <div className="register-who">
        <h3 id={headingId} className="register-name">
          {person.name}
        </h3>
        <span className="register-code">
          <span className="visually-hidden">Reference </span>
          {person.code}
        </span>
        {person.walkIn && <span className="tag">Walk-in</span>}
      </div>
      <p className="register-state" aria-live="polite">
        <strong>{markWords[shown]}</strong>
        {saving && <span className="register-saving"> — saving…</span>}
        {unsaved && <span className="register-unsaved"> — not saved yet</span>}
        {person.selfReported && (
          <span className="register-self-report">
            {" "}
            ({person.selfReported === "went" ? "they said they went" : "they said they could not go"})
          </span>
        )}
      </p>
      {canMark && (
        <fetcher.Form method="post" className="register-buttons">
          <input type="hidden" name="intent" value="mark" />
          <input type="hidden" name="bookingId" value={person.bookingId} />
          <MarkButton person={person} value="attended" shown={shown} disabled={saving} className="mark-attended" label="Attended" />
          <MarkButton person={person} value="no_show" shown={shown} disabled={saving} className="mark-no-show" label="Did not attend" />
          {shown !== "unmarked" && (
            <MarkButton person={person} value="unmarked" shown={shown} disabled={saving} className="secondary mark-undo" label="Undo" />
          )}
        </fetcher.Form>
      )}
      {failed && (
        <div className="register-error" role="alert">
          <p>{failed.error}</p>
          {failed.offline && (
            <button type="button" className="secondary" onClick={retry}>
              Try again<span className="visually-hidden">: {person.name}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function WalkInForm({ result }: { result: RegisterActionResult | undefined }) {
  const walkIn = result?.intent === "walk_in" ? result : undefined;
  const [form, fields] = useForm({
    id: "walk-in",
    lastResult: walkIn?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: walkInSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const hasErrors = Boolean(walkIn && !walkIn.ok);
  return (
    <section aria-labelledby="walk-in-heading" className="register-section">
      <details open={hasErrors || undefined}>
        <summary>
          <h2 id="walk-in-heading">Add someone who walked in</h2>
        </summary>
        <p>They will be added to this register as attended, as a self-referral. Ask them first if they agree.</p>
        <Form method="post" {...getFormProps(form)}>
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
          <div className={`field${fields.consent.errors?.length ? " has-error" : ""}`}>
            <label className="choice" htmlFor={fields.consent.id}>
              <input
                {...getInputProps(fields.consent, { type: "checkbox" })}
                aria-describedby={fields.consent.errors?.length ? fields.consent.errorId : undefined}
              />
              They agreed to share these details with this group
            </label>
            {fields.consent.errors?.length ? (
              <p className="field-error" id={fields.consent.errorId}>
                {fields.consent.errors.join(". ")}
              </p>
            ) : null}
          </div>
          <button type="submit">Add walk-in</button>
        </Form>
      </details>
    </section>
  );
}

export function RegisterSheet({ view, pageResult }: { view: RegisterSheetView; pageResult?: RegisterActionResult }) {
  const everyoneFetcher = useFetcher<RegisterActionResult>({ key: `everyone:${view.sessionId}` });
  const everyoneResult = everyoneFetcher.data?.intent === "everyone" ? everyoneFetcher.data : undefined;
  const everyone: EveryoneState = everyoneFetcher.state !== "idle"
    ? "saving"
    : everyoneResult && !everyoneResult.ok && everyoneResult.offline
      ? "unsaved"
      : "idle";
  const [unsavedRows, setUnsavedRows] = useState<ReadonlySet<string>>(new Set());
  const [retryAll, setRetryAll] = useState(0);
  const onUnsavedChange = useCallback((bookingId: string, unsaved: boolean) => {
    setUnsavedRows((current) => {
      if (current.has(bookingId) === unsaved) return current;
      const next = new Set(current);
      if (unsaved) next.add(bookingId);
      else next.delete(bookingId);
      return next;
    });
  }, []);
  const retryEveryone = useCallback(() => {
    everyoneFetcher.submit({ intent: "everyone" }, { method: "post" });
  }, [everyoneFetcher]);
  const unsavedCount = unsavedRows.size + (everyone === "unsaved" ? 1 : 0);

  useEffect(() => {
    if (everyone !== "unsaved") return;
    window.addEventListener("online", retryEveryone);
    return () => window.removeEventListener("online", retryEveryone);
  }, [everyone, retryEveryone]);

  // Leaving the page would lose marks that are only on screen.
  useEffect(() => {
    if (!unsavedCount) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsavedCount]);

  const everyoneFailed = everyoneResult && !everyoneResult.ok ? everyoneResult : pageResult?.intent === "everyone" && !pageResult.ok ? pageResult : undefined;
  const unmarkedShown = everyone === "idle" ? view.counts.unmarked : 0;
  const notice = pageResult && (pageResult.intent === "reopen" || pageResult.intent === "resend_link" || pageResult.intent === "unknown") ? pageResult : undefined;
  const added = pageResult?.intent === "walk_in" && pageResult.ok ? pageResult.added : undefined;

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
        <p className="notice warn" id="register-state">
          {view.stateMessage}
          {view.cancelReason ? ` Reason given: ${view.cancelReason}` : ""}
        </p>
      )}
      {notice && (
        <p className={notice.ok ? "notice" : "notice warn"} role="status">
          {notice.message}
        </p>
      )}
      {added && (
        <p className="notice" role="status">
          {added.name} was added as attended. Their reference is {added.code}.
        </p>
      )}

      <p className="register-counts" aria-live="polite">
        <span>{view.counts.booked} booked</span>
        <span>{view.counts.attended} attended</span>
        <span>{view.counts.noShow} did not attend</span>
        <span>{view.counts.unmarked} not marked</span>
      </p>

      {unsavedCount > 0 && (
        <div className="notice warn register-unsaved-banner" role="alert">
          <p>
            <strong>
              {unsavedCount === 1 ? "1 change is" : `${unsavedCount} changes are`} not saved yet.
            </strong>{" "}
            They are kept on this screen. Check you have signal, then try again.
          </p>
          <button
            type="button"
            onClick={() => {
              setRetryAll((n) => n + 1);
              if (everyone === "unsaved") retryEveryone();
            }}
          >
            Try saving again
          </button>
        </div>
      )}

      {view.viewer.canMark && unmarkedShown > 0 && (
        <everyoneFetcher.Form method="post" className="register-everyone">
          <input type="hidden" name="intent" value="everyone" />
          <button type="submit" className="mark-everyone">
            Everyone attended
          </button>
          <span className="hint">Marks everyone not yet marked as attended. You can change anyone afterwards.</span>
        </everyoneFetcher.Form>
      )}
      {everyoneFailed && !everyoneFailed.offline && (
        <p className="notice warn" role="alert">
          {everyoneFailed.error}
        </p>
      )}

      <h2 className="visually-hidden">People booked</h2>
      {view.people.length ? (
        <ul className="register-list">
          {view.people.map((person) => (
            <PersonRow
              key={person.bookingId}
              person={person}
              canMark={view.viewer.canMark}
              everyone={everyone}
              retryAll={retryAll}
              pageResult={pageResult}
              onUnsavedChange={onUnsavedChange}
            />
          ))}
        </ul>
      ) : (
        <p>Nobody is booked on this session yet.</p>
      )}

      {view.viewer.canAddWalkIn && <WalkInForm result={pageResult} />}

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
        <p className="hint">
          You opened this register from an emailed link. It works only for this session, until {view.locksOn}.
        </p>
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
