import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { requireActivityMember } from "~/modules/activities/activity-access.server";
import { loadActivityForEditing } from "~/modules/activities/activity-editor.server";
import { localDate } from "~/modules/activities/activity-form";
import { formatSessionWhen } from "~/modules/activities/format";
import { editorUrl, registerUrl, sessionsUrl } from "~/modules/activities/organiser-urls";
import { formatInTimezone } from "~/modules/activities/schedule";
import {
  addExtraSession,
  cancelSession,
  changeSession,
  listManagedSessions,
  type SessionChangeResult,
} from "~/modules/activities/session-changes.server";
import { sessionActionSchema } from "~/modules/activities/session-forms";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";

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
  return {
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

export async function action({ request, params }: ActionFunctionArgs) {
  const { activity } = await requireActivityMember(request, params.id);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: sessionActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const input = submission.value;
  const current = now();
  let result: SessionChangeResult;
  if (input.intent === "cancel") {
    result = await cancelSession({ activityId: activity.id, sessionId: input.sessionId, reason: input.reason, now: current });
  } else if (input.intent === "change") {
    result = await changeSession({ ...input, activityId: activity.id, now: current });
  } else {
    result = await addExtraSession({ ...input, activityId: activity.id, now: current });
  }
  if (!result.ok) return { formId, result: submission.reply({ fieldErrors: result.fieldErrors }) };
  const done = { cancel: "cancelled", change: "changed", add: "added" }[input.intent];
  return redirect(`${sessionsUrl(activity.id)}?done=${done}#session-${result.sessionId}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type SessionView = LoaderData["sessions"][number];

function useSessionForm(formId: string, defaultValue: Record<string, string>) {
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.formId === formId ? (actionData.result as SubmissionResult<string[]>) : undefined;
  return useForm({
    id: formId,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionActionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

const doneMessages: Record<string, string> = {
  cancelled: "Session cancelled. Anyone booked will be told, with your reason.",
  changed: "Session changed. Anyone booked will be told about a new time.",
  added: "Extra date added.",
};

export default function ManageSessions() {
  const { activity, sessions, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="container">
      <p>
        <Link to={editorUrl(activity.id)}>Back to {activity.title}</Link>
      </p>
      <h1>Sessions: {activity.title}</h1>
      {done && doneMessages[done] && (
        <p className="notice" role="status">
          {doneMessages[done]}
        </p>
      )}
      <p>
        Sessions come from the schedule on the activity’s page and are made 12 weeks ahead. Here you can cancel one, change
        one’s time or number of places, or add an extra date.
      </p>
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

function AddSessionForm({ capacity, today }: { capacity: number; today: string }) {
  const [form, fields] = useSessionForm("add-session", {
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
  const [changeForm, changeFields] = useSessionForm(`change-${s.id}`, {
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    capacity: String(s.capacity),
  });
  const [cancelForm, cancelFields] = useSessionForm(`cancel-${s.id}`, {});
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
