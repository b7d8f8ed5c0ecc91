import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActivityEditorForm } from "~/components/activities/activity-editor-form";
import { ActivityStatusTag } from "~/components/activities/activity-status-tag";
import { requireActivityMember, ActivityArchivedError, changeActivityStatus, duplicateActivity, loadActivityForEditing, activityEditorSettings, submitActivityForm, findStrandedSessions, listManagedSessions } from "~/modules/activities/index.server";
import { activityToFormDefaults, PHOTO_MAX_BYTES, allowedStatusActions, IllegalStatusChangeError, isStatusAction, statusActions, formatSessionWhen, editorUrl, sessionsUrl } from "~/modules/activities";
import { readFormData } from "~/modules/media/index.server";
import { thumbnailUrl } from "~/modules/media";
import { now } from "~/utils/clock.server";
import { conflict, conflictOn, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit ${data.activity.title} — Linkway` : "Edit activity — Linkway" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity: ref } = await requireActivityMember(request, params.id);
  const loaded = await loadActivityForEditing(ref.id);
  if (!loaded) throw notFound("We could not find that activity.");
  const current = now();
  const { activity, schedules } = loaded;
  const stranded = await findStrandedSessions(activity.id, current);
  // An archived activity keeps booked sessions until the organiser cancels them.
  const stillBooked =
    activity.status === "archived"
      ? (await listManagedSessions(activity.id, current)).filter((s) => s.status === "scheduled" && s.liveBookings > 0)
      : [];
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      status: activity.status,
      timezone: activity.timezone,
      updatedAt: activity.updatedAt.toISOString(),
    },
    organisationId: activity.organisationId,
    photoUrl: activity.imagePath ? thumbnailUrl(activity.imagePath) : null,
    defaultValue: activityToFormDefaults(activity, schedules),
    editor: await activityEditorSettings(current, activity.timezone),
    actions: allowedStatusActions(activity.status),
    stranded,
    stillBooked,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { activity, user } = await requireActivityMember(request, params.id);
  const current = now();
  const formData = await readFormData(request, { maxFileBytes: PHOTO_MAX_BYTES });
  const requested = formData.get("_action");
  if (requested === "duplicate") {
    const copyId = await duplicateActivity(activity.id, user.id, current);
    return redirect(`${editorUrl(copyId)}?duplicated=1`);
  }
  if (requested !== null) {
    if (!isStatusAction(requested)) throw conflict("That is not something an activity can do.");
    const result = await conflictOn(IllegalStatusChangeError, () => changeActivityStatus(activity.id, requested, current));
    return redirect(`${editorUrl(activity.id)}?status=${result.status}`);
  }
  const saved = await conflictOn(ActivityArchivedError, () =>
    submitActivityForm(formData, { activityId: activity.id, organisationId: activity.organisationId, userId: user.id, now: current }),
  );
  return saved.ok ? redirect(saved.location) : saved.reply;
}

const statusNotices: Record<string, string> = {
  published: "Published. People can now find this activity.",
  draft: "Saved as a draft. Only your organisation can see it.",
  archived: "Archived. It no longer appears to the public and no new sessions are made.",
};

export default function EditActivity() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { activity } = data;
  const saved = params.get("saved");
  const placed = params.get("placed");
  const statusChanged = params.get("status");
  return (
    <div className="container narrow">
      <p>
        <Link to="/organiser">Back to your activities</Link>
      </p>
      <h1>{activity.title}</h1>
      <p className="meta-row">
        <ActivityStatusTag status={activity.status} />
        {activity.status === "published" && <Link to={`/activities/${activity.id}`}>View the public page</Link>}
        <Link to={sessionsUrl(activity.id)}>Manage sessions</Link>
      </p>

      <div aria-live="polite">
        {saved && !lastResult && (
          <div className="notice" role="status">
            <p>
              <strong>{saved === "published" ? "Saved and published." : "Saved."}</strong>{" "}
              {saved === "published" ? "People can now find this activity." : saved === "draft" ? "It is a draft: only your organisation can see it." : ""}
            </p>
            {placed && (
              <p>
                We put the meeting point at the centre of {placed}. Drag the pin on the map below to the exact place, then
                save again.
              </p>
            )}
          </div>
        )}
        {statusChanged && !saved && (
          <p className="notice" role="status">
            {statusNotices[statusChanged] ?? "Done."}
          </p>
        )}
        {params.get("duplicated") && (
          <p className="notice" role="status">
            This is a copy, saved as a draft. Change what you need, then publish it.
          </p>
        )}
      </div>

      {data.stranded.length > 0 && (
        <div className="notice warn">
          <h2>Some booked sessions could not be moved</h2>
          <p>
            People have booked these sessions, so we left them at their old times. Move or cancel each one on the sessions
            page so the people booked are told.
          </p>
          <ul>
            {data.stranded.map((s) => (
              <li key={s.id}>
                {formatSessionWhen(s.startsAt, s.endsAt, activity.timezone)} — {s.liveBookings}{" "}
                {s.liveBookings === 1 ? "booking" : "bookings"}
              </li>
            ))}
          </ul>
          <p>
            <Link to={sessionsUrl(activity.id)}>Go to the sessions page</Link>
          </p>
        </div>
      )}

      <section aria-labelledby="status-heading" className="status-actions">
        <h2 id="status-heading" className="visually-hidden">
          Status
        </h2>
        <div className="button-row">
          {data.actions
            .filter((a) => a !== "publish")
            .map((a) => (
              <Form method="post" key={a}>
                <button type="submit" name="_action" value={a} className={a === "archive" ? "danger" : "secondary"}>
                  {statusActions[a].label}
                </button>
              </Form>
            ))}
          {activity.status === "draft" && (
            <Form method="post">
              <button type="submit" name="_action" value="publish" className="secondary">
                Publish without changes
              </button>
            </Form>
          )}
          <Form method="post">
            <button type="submit" name="_action" value="duplicate" className="secondary">
              Duplicate
            </button>
          </Form>
        </div>
      </section>

      {activity.status === "archived" ? (
        <div className="notice">
          <p>This activity is archived. Restore it as a draft to change it or run it again.</p>
          {data.stillBooked.length > 0 && (
            <>
              <p>These sessions still have bookings. Cancel them on the sessions page if they are not going ahead:</p>
              <ul>
                {data.stillBooked.map((s) => (
                  <li key={s.id}>{formatSessionWhen(s.startsAt, s.endsAt, activity.timezone)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <ActivityEditorForm
          // A fresh form after each save, so it shows what was stored (such as a point placed from the postcode).
          key={activity.updatedAt}
          mode="edit"
          status={activity.status}
          {...data.editor}
          defaultValue={data.defaultValue}
          lastResult={lastResult}
          photoUrl={data.photoUrl}
        />
      )}
    </div>
  );
}
