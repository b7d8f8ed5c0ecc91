import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { submittedFormId, useIntentForm } from "~/components/forms/use-schema-form";
import { requireActivityMember, loadActivityForEditing, addExtraSession, cancelSession, changeSession, listManagedSessions, reinstateSession, type SessionChangeResult } from "~/modules/activities/index.server";
import { localDate, formatSessionWhen, editorUrl, registerUrl, sessionsUrl, sessionActionSchema } from "~/modules/activities";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { StatusNotice } from "~/components/layout/status-notice";
import { formatInTimezone } from "~/utils/time";
import { IMPORT_MAX_BYTES, linkCalendarImport, readCalendarImport, unlinkCalendarImport } from "~/modules/interop/index.server";
import { CALENDAR_IMPORT_INTENTS, calendarImportSchema } from "~/modules/interop";
import { readFormData } from "~/modules/media/index.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Sessions of ${data.activity.title} — Linkway` : "Sessions — Linkway" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity } = await requireActivityMember(request, params.id);
  const loaded = await loadActivityForEditing(activity.id);
  if (!loaded) throw notFound();
  const current = now();
  const sessions = await listManagedSessions(activity.id, current);
  const tz = loaded.activity.timezone;
  const calendar = await readCalendarImport(activity.id);
  return {
    calendar: calendar && {
      url: calendar.url,
      lastError: calendar.lastError,
      lastGood: calendar.lastGoodAt && formatInTimezone(calendar.lastGoodAt, tz, "datetime"),
      lastChecked: calendar.lastCheckedAt && formatInTimezone(calendar.lastCheckedAt, tz, "datetime"),
      attention: calendar.attention.map((a) => ({ sessionId: a.sessionId, note: a.note, when: formatInTimezone(a.startsAt, tz, "datetime") })),
    },
    activity: { id: activity.id, title: loaded.activity.title, status: loaded.activity.status, timezone: tz, capacity: loaded.activity.capacity },
    today: localDate(current, tz),
    sessions: sessions.map((s) => ({
      ...s,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      date: localDate(s.startsAt, tz),
      startTime: formatInTimezone(s.startsAt, tz, "time"),
      endTime: formatInTimezone(s.endsAt, tz, "time"),
    })),
  };
}

async function calendarAction(formData: FormData, formId: string | undefined, activityId: string, userId: string) {
  const submission = parseWithZod(formData, { schema: calendarImportSchema });
  if (submission.status !== "success") return { formId, result: submission.reply({ hideFields: ["file"] }) };
  const input = submission.value;
  const result =
    input.intent === "unlink-calendar"
      ? await unlinkCalendarImport({ userId, activityId })
      : await linkCalendarImport({
          userId,
          activityId,
          source: input.file && input.file.size > 0 ? { fileText: await input.file.text() } : { url: input.url ?? "" },
          now: now(),
        });
  if (!result.ok) return { formId, result: submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: ["file"] }) };
  return redirect(`${sessionsUrl(activityId)}?done=${input.intent === "unlink-calendar" ? "unlinked" : "linked"}#calendar`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { activity, user } = await requireActivityMember(request, params.id);
  const formData = await readFormData(request, { maxFileBytes: IMPORT_MAX_BYTES });
  const formId = submittedFormId(formData);
  if ((CALENDAR_IMPORT_INTENTS as readonly unknown[]).includes(formData.get("intent"))) return calendarAction(formData, formId, activity.id, user.id);
  const submission = parseWithZod(formData, { schema: sessionActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const input = submission.value;
  const current = now();
  let result: SessionChangeResult;
  if (input.intent === "cancel") {
    result = await cancelSession({ activityId: activity.id, sessionId: input.sessionId, reason: input.reason, now: current });
  } else if (input.intent === "reinstate") {
    result = await reinstateSession({ activityId: activity.id, sessionId: input.sessionId, now: current });
  } else if (input.intent === "change") {
    result = await changeSession({ ...input, activityId: activity.id, now: current });
  } else {
    result = await addExtraSession({ ...input, activityId: activity.id, now: current });
  }
  if (!result.ok) return { formId, result: submission.reply({ fieldErrors: result.fieldErrors }) };
  const done = { cancel: "cancelled", reinstate: "reinstated", change: "changed", add: "added" }[input.intent];
  return redirect(`${sessionsUrl(activity.id)}?done=${done}#session-${result.sessionId}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type SessionView = LoaderData["sessions"][number];

const doneMessages: Record<string, string> = {
  cancelled: "Session cancelled. Anyone booked will be told, with your reason.",
  reinstated:
    "Session reinstated: it is on again and people can book. Anyone whose booking was cancelled will be emailed a link to book again; nobody is booked back in automatically.",
  changed: "Session changed. Anyone booked will be told about a new time.",
  added: "Extra date added.",
  linked: "Your calendar is linked. Its events are now sessions here, and we check it for changes every hour.",
  unlinked: "Your calendar is no longer linked. The sessions it made stay here as extra dates.",
};

export default function ManageSessions() {
  const { activity, sessions, today, calendar } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="container">
      <p>
        <Link to={editorUrl(activity.id)}>Back to {activity.title}</Link>
      </p>
      <h1>Sessions: {activity.title}</h1>
      <StatusNotice message={doneMessages[params.get("done") ?? ""]} />
      <p>
        Sessions come from the schedule on the activity’s page and are made 12 weeks ahead. Here you can cancel one (and
        put it back on if plans change), change one’s time or number of places, or add an extra date.
      </p>
      <CalendarImportSection calendar={calendar} />
      <AddSessionForm capacity={activity.capacity} today={today} />
      <h2>Upcoming sessions</h2>
      {sessions.length === 0 ? (
        <p>No sessions are planned. Add a date above, or change the schedule on the activity’s page.</p>
      ) : (
        <ul className="card-list session-list">
          {sessions.map((s) => (
            <SessionRow key={s.id} session={s} timezone={activity.timezone} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CalendarImportSection({ calendar }: { calendar: LoaderData["calendar"] }) {
  const [linkForm, linkFields] = useIntentForm(calendarImportSchema, "link-calendar", { url: calendar?.url ?? "" });
  const [unlinkForm] = useIntentForm(calendarImportSchema, "unlink-calendar");
  return (
    <section className="card" id="calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Sessions from your own calendar</h2>
      {calendar?.lastError && (
        <div role="alert" className="notice warn">
          <p>
            <strong>We could not read your calendar{calendar.lastChecked ? ` at ${calendar.lastChecked}` : ""}:</strong> {calendar.lastError}.
          </p>
          <p>
            The sessions below are as they were{calendar.lastGood ? ` at the last good check, ${calendar.lastGood}` : ""}. We try again every hour.
          </p>
        </div>
      )}
      {calendar ? (
        <p>
          {calendar.url ? (
            <>
              Linked to <span className="break-anywhere">{calendar.url}</span>. We check it every hour
              {calendar.lastGood ? `; last read ${calendar.lastGood}` : ""}.
            </>
          ) : (
            <>Sessions were taken from a calendar file{calendar.lastGood ? ` on ${calendar.lastGood}` : ""}. Upload it again to update them.</>
          )}
        </p>
      ) : (
        <p>
          If you already keep this activity’s dates in a calendar (Google, Outlook, Apple), give its public .ics address and
          its events become sessions here. Cancelled and moved events are followed; sessions people have booked are never
          moved or removed without telling them.
        </p>
      )}
      {calendar && calendar.attention.length > 0 && (
        <>
          <h3>Sessions that need you</h3>
          <ul>
            {calendar.attention.map((a) => (
              <li key={a.sessionId}>
                <a href={`#session-${a.sessionId}`}>{a.when}</a>: {a.note}
              </li>
            ))}
          </ul>
        </>
      )}
      <Form method="post" encType="multipart/form-data" {...getFormProps(linkForm)}>
        <input type="hidden" name="intent" value="link-calendar" />
        <input type="hidden" name="formId" value={linkForm.id} />
        <Field label="Calendar web address (.ics)" hint="Starts with https:// — in Google Calendar it is the ‘public address in iCal format’" meta={linkFields.url}>
          {(p) => <input {...getInputProps(linkFields.url, { type: "url" })} {...p} />}
        </Field>
        <Field label="Or upload a calendar file once" hint="An .ics file; it is read once and not checked again" meta={linkFields.file}>
          {(p) => <input {...getInputProps(linkFields.file, { type: "file" })} {...p} accept=".ics,text/calendar" />}
        </Field>
        <button type="submit">{calendar ? "Update the calendar link" : "Link this calendar"}</button>
      </Form>
      {calendar && (
        <Form method="post" {...getFormProps(unlinkForm)}>
          <input type="hidden" name="intent" value="unlink-calendar" />
          <input type="hidden" name="formId" value={unlinkForm.id} />
          <button type="submit" className="secondary">
            Unlink this calendar
          </button>
        </Form>
      )}
    </section>
  );
}

function AddSessionForm({ capacity, today }: { capacity: number; today: string }) {
  const [form, fields] = useIntentForm(sessionActionSchema, "add-session", {
    date: today,
    startTime: "10:00",
    endTime: "11:30",
    capacity: String(capacity),
  });
  return (
    <details className="card" open={Boolean(form.status === "error")}>
      <summary>Add an extra date</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="formId" value={form.id} />
        <SessionTimeFields fields={fields} />
        <button type="submit">Add this date</button>
      </Form>
    </details>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function SessionTimeFields({ fields }: { fields: any }) {
  return (
    <div className="inline-fields">
      <Field label="Date" meta={fields.date}>
        {(p) => <input {...getInputProps(fields.date, { type: "date" })} {...p} />}
      </Field>
      <Field label="Starts at" meta={fields.startTime}>
        {(p) => <input {...getInputProps(fields.startTime, { type: "time" })} {...p} />}
      </Field>
      <Field label="Ends at" meta={fields.endTime}>
        {(p) => <input {...getInputProps(fields.endTime, { type: "time" })} {...p} />}
      </Field>
      <Field label="Places" meta={fields.capacity}>
        {(p) => <input {...getInputProps(fields.capacity, { type: "number" })} {...p} min={1} max={500} className="input-short" />}
      </Field>
    </div>
  );
}

function SessionRow({ session: s, timezone }: { session: SessionView; timezone: string }) {
  const [changeForm, changeFields] = useIntentForm(sessionActionSchema, `change-${s.id}`, {
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    capacity: String(s.capacity),
  });
  const [cancelForm, cancelFields] = useIntentForm(sessionActionSchema, `cancel-${s.id}`);
  const [reinstateForm, reinstateFields] = useIntentForm(sessionActionSchema, `reinstate-${s.id}`);
  const cancelled = s.status === "cancelled";
  const placesLeft = Math.max(0, s.capacity - s.bookedCount);
  return (
    <li className="card" id={`session-${s.id}`}>
      <h3>{formatSessionWhen(s.startsAt, s.endsAt, timezone)}</h3>
      <p className="meta-row">
        {cancelled ? (
          <span className="status">Cancelled{s.cancelReason ? `: ${s.cancelReason}` : ""}</span>
        ) : (
          <span>
            {s.bookedCount} of {s.capacity} places booked ({placesLeft === 0 ? "full" : `${placesLeft} left`})
          </span>
        )}
        {s.extra && <span className="tag">Extra date</span>}
        {s.detached && !s.extra && <span className="tag">Changed by hand</span>}
        <Link to={registerUrl(s.id)}>Register</Link>
      </p>
      {cancelled &&
        (s.reinstatable ? (
          <Form method="post" {...getFormProps(reinstateForm)} className="session-actions">
            <input type="hidden" name="intent" value="reinstate" />
            <input type="hidden" name="formId" value={reinstateForm.id} />
            <input type="hidden" name="sessionId" value={s.id} />
            <FormErrors id={`${reinstateForm.id}-errors`} errors={[...(reinstateForm.errors ?? []), ...(reinstateFields.sessionId.errors ?? [])]} />
            <p className="hint" id={`${reinstateForm.id}-hint`}>
              It goes back on and people can book again. Anyone whose booking was cancelled is emailed a link to book; nobody is
              booked back in automatically.
            </p>
            <button type="submit" aria-describedby={`${reinstateForm.id}-hint`}>
              Reinstate this session
            </button>
          </Form>
        ) : (
          <p className="hint">This session has started, so it cannot be reinstated. Add an extra date instead.</p>
        ))}
      {!cancelled && (
        <div className="session-actions">
          <details open={changeForm.status === "error"}>
            <summary>Change time or places</summary>
            <Form method="post" {...getFormProps(changeForm)}>
              <input type="hidden" name="intent" value="change" />
              <input type="hidden" name="formId" value={changeForm.id} />
              <input type="hidden" name="sessionId" value={s.id} />
              <SessionTimeFields fields={changeFields} />
              <button type="submit">Save this session</button>
            </Form>
          </details>
          <details open={cancelForm.status === "error"}>
            <summary>Cancel this session</summary>
            <Form method="post" {...getFormProps(cancelForm)}>
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="formId" value={cancelForm.id} />
              <input type="hidden" name="sessionId" value={s.id} />
              <Field label="Why is it cancelled?" hint="People who booked are told this" meta={cancelFields.reason}>
                {(p) => <textarea {...getTextareaProps(cancelFields.reason)} {...p} rows={2} />}
              </Field>
              <button type="submit" className="danger">
                Cancel this session
              </button>
            </Form>
          </details>
        </div>
      )}
    </li>
  );
}
