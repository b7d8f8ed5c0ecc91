/**
 * Calendar feeds: an activity's upcoming sessions, or every published
 * activity's of one organisation.
 *
 * One VEVENT per session rather than an RRULE with EXDATEs: sessions are
 * the truth (an organiser can move one, resize one, add an extra date, or a
 * schedule edit can leave a booked session at its old time), and a single
 * rule could not say that without RECURRENCE-ID overrides that clients handle
 * unevenly. One event per session expands to exactly the sessions the page
 * lists, each with a stable UID, in every client. Cancelled sessions stay in
 * the feed with STATUS:CANCELLED, as the page keeps them with "Cancelled", so
 * a calendar that already has the session learns it is off.
 */
import { and, asc, eq, gte } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { activities, organisations, sessions } from "#db/schema";
import { activityAddressLine, findPublishedActivity, listUpcomingSessions, MAX_UPCOMING_SESSIONS } from "~/modules/activities/index.server";
import { publicUrl } from "~/utils/env.server";
import { isUuid } from "~/utils/ids";
import { calendarOrganizer } from "~/utils/calendar-organizer.server";
import { buildCalendar, type CalendarEvent } from "./icalendar.server";

interface EventActivity {
  id: string;
  title: string;
  summary: string;
  timezone: string;
  online: boolean;
  venueName: string | null;
  address: string | null;
  town: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
}

interface EventSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "cancelled";
  cancelReason: string | null;
}

export function activityUrl(activityId: string): string {
  return `${publicUrl()}/activities/${activityId}`;
}

function sessionEvent(activity: EventActivity, session: EventSession): CalendarEvent {
  const url = activityUrl(activity.id);
  const host = new URL(publicUrl()).hostname;
  const where = activityAddressLine(activity);
  const cancelled = session.status === "cancelled";
  return {
    uid: `${session.id}@${host}`,
    start: session.startsAt,
    end: session.endsAt,
    timezone: activity.timezone,
    summary: activity.title,
    description: [
      cancelled ? `This session is cancelled${session.cancelReason ? `: ${session.cancelReason}` : "."}` : null,
      activity.summary,
      `Details and how to join: ${url}`,
    ]
      .filter(Boolean)
      .join("\n\n"),
    // The joining link of an online activity is only for booked people: never in a public feed.
    location: activity.online
      ? { title: "Online (the joining link is sent to people who book)" }
      : where
        ? { title: where, lat: activity.lat, lng: activity.lng }
        : null,
    url,
    cancelled,
  };
}

export async function activityCalendar(activityId: string, now: Date): Promise<{ title: string; ics: string } | null> {
  const activity = await findPublishedActivity(activityId);
  if (!activity) return null;
  const upcoming = await listUpcomingSessions(activity.id, { now, limit: MAX_UPCOMING_SESSIONS });
  const ics = buildCalendar({
    name: activity.title,
    description: activity.summary,
    url: activityUrl(activity.id),
    now,
    organizer: calendarOrganizer(activity.organisationName, activity.contactEmail),
    events: upcoming.map((s) => sessionEvent(activity, s)),
  });
  return { title: activity.title, ics };
}

export async function organisationCalendar(
  organisationId: string,
  now: Date,
): Promise<{ name: string; ics: string } | null> {
  if (!isUuid(organisationId)) return null;
  const db = await getReadDb();
  const [organisation] = await db
    .select({ name: organisations.name, kind: organisations.kind, email: organisations.email })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation || organisation.kind !== "provider") return null;
  const rows = await db
    .select({
      activity: {
        id: activities.id,
        title: activities.title,
        summary: activities.summary,
        timezone: activities.timezone,
        online: activities.online,
        venueName: activities.venueName,
        address: activities.address,
        town: activities.town,
        postcode: activities.postcode,
        lat: activities.lat,
        lng: activities.lng,
      },
      session: {
        id: sessions.id,
        startsAt: sessions.startsAt,
        endsAt: sessions.endsAt,
        status: sessions.status,
        cancelReason: sessions.cancelReason,
      },
    })
    .from(sessions)
    .innerJoin(activities, eq(activities.id, sessions.activityId))
    .where(
      and(
        eq(activities.organisationId, organisationId),
        eq(activities.status, "published"),
        // The same rule as each activity's page and feed (listUpcomingSessions).
        gte(sessions.startsAt, now),
      ),
    )
    .orderBy(asc(sessions.startsAt), asc(sessions.id))
    .limit(2000);
  const ics = buildCalendar({
    name: organisation.name,
    description: `Activities run by ${organisation.name}`,
    now,
    organizer: calendarOrganizer(organisation.name, organisation.email),
    events: rows.map((r) => sessionEvent(r.activity, r.session)),
  });
  return { name: organisation.name, ics };
}
