import { readQuery } from "~/utils/read-form.server";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AccessibilityIcon } from "~/components/activities/accessibility-icon";
import { PlaceMap } from "~/components/map/place-map";
import { activityAddressLine, formatCost, formatSessionWhen, accessibilityFeatures, suitabilityOptions, joiningMessages, joiningMode, offersAskForAPlace, showsPlacesLeft } from "~/modules/activities";
import { findPublishedActivity, listUpcomingSessions, MAX_UPCOMING_SESSIONS } from "~/modules/activities/index.server";
import { uploadUrl } from "~/modules/media";
import { now } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { SHARED_PAGE_CACHE_CONTROL } from "~/utils/private-caching.server";
import { canRefer, useViewer } from "~/utils/viewer";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.activity.title} — Linkway` : "Activity not found — Linkway" },
  { name: "description", content: data?.activity.summary ?? "" },
];

/** The same for every signed-out visitor: a shared cache may keep it a few seconds (decision 106). */
export const headers: HeadersFunction = () => ({ "Cache-Control": SHARED_PAGE_CACHE_CONTROL });

const FIRST_SESSIONS = 8;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const activity = await findPublishedActivity(params.id ?? "");
  if (!activity) throw notFound("We could not find that activity. It may have finished or moved.");
  // The same list the calendar feed is built from, so the two always agree.
  const upcoming = await listUpcomingSessions(activity.id, { now: now(), limit: MAX_UPCOMING_SESSIONS });
  const showAll = readQuery(request).get("sessions") === "all";
  const calendarPath = `/activities/${activity.id}/calendar.ics`;
  return {
    activity,
    sessions: showAll ? upcoming : upcoming.slice(0, FIRST_SESSIONS),
    totalSessions: upcoming.length,
    showAll,
    calendarPath,
    webcalUrl: `${publicUrl().replace(/^https?:/, "webcal:")}${calendarPath}`,
  };
}

export default function ActivityPage() {
  const { activity, sessions, totalSessions, showAll, calendarPath, webcalUrl } = useLoaderData<typeof loader>();
  const viewerCanRefer = canRefer(useViewer());
  const place = activityAddressLine(activity);
  const joining = joiningMode(activity);
  return (
    <div className="container">
      <p>
        <Link className="tap-target" to="/search">Back to all activities</Link>
      </p>
      <h1>{activity.title}</h1>
      <p className="lead">{activity.summary}</p>
      <p className="meta-row">
        <span>{activity.categoryName}</span>
        <span>Run by {activity.organisationName}</span>
      </p>
      {activity.imagePath && (
        <img className="activity-photo" src={uploadUrl(activity.imagePath)} alt={activity.imageAlt ?? ""} />
      )}
      <p className="notice joining">{joiningMessages[joining]}</p>
      {(offersAskForAPlace(joining) || viewerCanRefer) && (
        <div className="button-row calls-to-action">
          {offersAskForAPlace(joining) && (
            <Link className="button" to={`/activities/${activity.id}/request-a-place`}>
              Ask for a place
            </Link>
          )}
          {viewerCanRefer && (
            <Link className={offersAskForAPlace(joining) ? "button secondary" : "button"} to={`/referrals/new?activity=${activity.id}`}>
              Refer someone to this activity
            </Link>
          )}
        </div>
      )}
      <div className="split">
        <div>
          {activity.description && (
            <>
              <h2>About</h2>
              {activity.description.split(/\n{2,}/).map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
            </>
          )}

          <h2 id="sessions-heading">Next sessions</h2>
          {sessions.length ? (
            <>
              <ul className="card-list session-list" aria-labelledby="sessions-heading">
                {sessions.map((s) => (
                  <li key={s.id} className={`card${s.status === "cancelled" ? " cancelled" : ""}`}>
                    <strong>{formatSessionWhen(s.startsAt, s.endsAt, activity.timezone)}</strong>
                    <br />
                    {s.status === "cancelled" ? (
                      <span className="status">Cancelled{s.cancelReason ? `: ${s.cancelReason}` : ""}</span>
                    ) : !showsPlacesLeft(joining) ? null : s.placesLeft > 0 ? (
                      <span>
                        {s.placesLeft} {s.placesLeft === 1 ? "place" : "places"} left
                      </span>
                    ) : (
                      <span className="status">Full</span>
                    )}
                  </li>
                ))}
              </ul>
              {!showAll && totalSessions > sessions.length && (
                <p>
                  <Link className="tap-target" to="?sessions=all#sessions-heading">Show all {totalSessions} upcoming dates</Link>
                </p>
              )}
            </>
          ) : (
            <p>No sessions are planned at the moment.</p>
          )}
          <h3>Add to your calendar</h3>
          <ul className="calendar-links">
            <li>
              <a className="tap-target" href={calendarPath} download>
                Download the dates (.ics file)
              </a>
            </li>
            <li>
              <a className="tap-target" href={webcalUrl}>Subscribe in your calendar app</a> (dates stay up to date)
            </li>
          </ul>

          <h2>Cost</h2>
          <p>
            {formatCost(activity.costType, activity.costPence)}
            {activity.costDetails ? `. ${activity.costDetails}` : ""}
          </p>
          {activity.referralOffer && (
            <p className="notice">
              <strong>If you are referred:</strong> {activity.referralOffer}
            </p>
          )}

          <h2>How to join</h2>
          <p>{joiningMessages[joining]}</p>
          {activity.requiresScreening && <p>The organisers like to have a chat with people before they join.</p>}

          <h2>Who it suits</h2>
          {activity.suitableFor.length ? (
            <ul className="feature-list">
              {activity.suitableFor.map((key) => (
                <li key={key}>{suitabilityOptions[key as keyof typeof suitabilityOptions] ?? key}</li>
              ))}
            </ul>
          ) : (
            <p>Everyone is welcome.</p>
          )}

          <h2>Accessibility</h2>
          {activity.accessibility.length ? (
            <ul className="feature-list with-icons">
              {activity.accessibility.map((key) => (
                <li key={key}>
                  <AccessibilityIcon feature={key} />
                  {accessibilityFeatures[key as keyof typeof accessibilityFeatures] ?? key}
                </li>
              ))}
            </ul>
          ) : (
            <p>Ask the organiser about access.</p>
          )}
        </div>
        <aside aria-labelledby="where-heading">
          <h2 id="where-heading">Where</h2>
          {activity.online ? (
            <p>Online. The joining link is sent to people who book a place.</p>
          ) : (
            <>
              <p>{place}</p>
              {activity.lat != null && activity.lng != null && (
                <PlaceMap lat={activity.lat} lng={activity.lng} label={activity.venueName ?? activity.title} />
              )}
            </>
          )}
          <h2>Contact</h2>
          <p>
            {activity.contactName && (
              <>
                {activity.contactName}
                <br />
              </>
            )}
            {activity.contactPhone && (
              <>
                Phone: <a className="tap-target" href={`tel:${activity.contactPhone.replace(/\s/g, "")}`}>{activity.contactPhone}</a>
                <br />
              </>
            )}
            {activity.contactEmail && (
              <>
                Email: <a className="tap-target" href={`mailto:${activity.contactEmail}`}>{activity.contactEmail}</a>
              </>
            )}
          </p>
        </aside>
      </div>
    </div>
  );
}
