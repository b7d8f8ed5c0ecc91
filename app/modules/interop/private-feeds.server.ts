/**
 * Private calendar feeds behind a secret link (webcal): a referrer's "my
 * people's upcoming sessions" and an organiser's "all our sessions". A
 * calendar app cannot sign in, so the link is the key: only its hash is
 * stored (one_time_tokens, purpose calendar_feed), it is shown once, making a
 * new one turns the old one off, and it stops working the moment its owner
 * leaves the organisation or turns it off. Events name people by first name
 * and initial only: a phone's calendar is seen by others.
 */
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, bookings, oneTimeTokens, organisations, referrals, sessions } from "#db/schema";
import { findOneTimeToken, issueOneTimeToken, listMemberships, revokeOneTimeTokens } from "~/modules/accounts/index.server";
import { shortName } from "~/modules/referrals/index.server";
import { calendarOrganizer } from "~/utils/calendar-organizer.server";
import { publicUrl } from "~/utils/env.server";
import { buildCalendar, type CalendarEvent } from "./icalendar.server";

export type FeedKind = "caseload" | "organisation";

/** Calendar apps poll for years; the link lives until it is turned off (this only bounds a forgotten one). */
const FEED_TTL_MS = 5 * 365 * 24 * 3600_000;
const MAX_EVENTS = 2000;

const subject = (userId: string, kind: FeedKind, organisationId: string) => `${userId}:${kind}:${organisationId}`;

export interface FeedChoice {
  kind: FeedKind;
  organisationId: string;
  organisationName: string;
  /** When the live link was made; null when there is none. */
  activeSince: Date | null;
}

/** The feeds this user may have: one per organisation they belong to, of the kind its work needs. */
export async function listCalendarFeeds(userId: string): Promise<FeedChoice[]> {
  const memberships = await listMemberships(userId);
  const db = await getDb();
  const live = memberships.length
    ? await db
        .select({ subjectId: oneTimeTokens.subjectId, createdAt: oneTimeTokens.createdAt, expiresAt: oneTimeTokens.expiresAt, usedAt: oneTimeTokens.usedAt })
        .from(oneTimeTokens)
        .where(and(eq(oneTimeTokens.purpose, "calendar_feed"), inArray(oneTimeTokens.subjectId, memberships.map((m) => subject(userId, kindOf(m.kind), m.organisationId)))))
    : [];
  const now = Date.now();
  return memberships.map((m) => {
    const kind = kindOf(m.kind);
    const token = live.find((t) => t.subjectId === subject(userId, kind, m.organisationId) && !t.usedAt && t.expiresAt.getTime() > now);
    return { kind, organisationId: m.organisationId, organisationName: m.organisationName, activeSince: token?.createdAt ?? null };
  });
}

function kindOf(orgKind: "provider" | "referrer"): FeedKind {
  return orgKind === "provider" ? "organisation" : "caseload";
}

/** A new secret link for one of the user's organisations; any older one stops working. Null when not a member. */
export async function issueCalendarFeed(input: { userId: string; organisationId: string; now: Date }): Promise<{ url: string; webcal: string } | null> {
  const membership = (await listMemberships(input.userId)).find((m) => m.organisationId === input.organisationId);
  if (!membership) return null;
  const kind = kindOf(membership.kind);
  const db = await getDb();
  const token = await db.transaction(async (tx) => {
    await revokeOneTimeTokens(tx, "calendar_feed", subject(input.userId, kind, input.organisationId));
    return issueOneTimeToken(tx, {
      purpose: "calendar_feed",
      subjectId: subject(input.userId, kind, input.organisationId),
      ttlMs: FEED_TTL_MS,
      payload: { userId: input.userId, kind, organisationId: input.organisationId },
      now: input.now,
    });
  });
  const url = `${publicUrl()}/feeds/${encodeURIComponent(token)}/calendar.ics`;
  return { url, webcal: url.replace(/^https?:/, "webcal:") };
}

export async function revokeCalendarFeed(input: { userId: string; organisationId: string }): Promise<void> {
  const db = await getDb();
  for (const kind of ["caseload", "organisation"] as const) {
    await revokeOneTimeTokens(db, "calendar_feed", subject(input.userId, kind, input.organisationId));
  }
}

/** The feed behind a secret link, or null (unknown, turned off, or its owner left the organisation). */
export async function privateFeedCalendar(token: string, now: Date): Promise<string | null> {
  const db = await getDb();
  const row = await findOneTimeToken(db, "calendar_feed", token);
  if (!row?.payload) return null;
  const { userId, kind, organisationId } = row.payload as { userId: string; kind: FeedKind; organisationId: string };
  const membership = (await listMemberships(userId)).find((m) => m.organisationId === organisationId);
  if (!membership || kindOf(membership.kind) !== kind) return null;
  const [org] = await db.select({ name: organisations.name, email: organisations.email }).from(organisations).where(eq(organisations.id, organisationId));
  const host = new URL(publicUrl()).hostname;

  const sessionColumns = { id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, status: sessions.status, capacity: sessions.capacity, bookedCount: sessions.bookedCount };
  const activityColumns = { id: activities.id, title: activities.title, timezone: activities.timezone, venueName: activities.venueName, town: activities.town, online: activities.online };
  const rows =
    kind === "caseload"
      ? await db
          .select({
            session: sessionColumns,
            activity: activityColumns,
            bookingId: bookings.id,
            person: { personFirstName: referrals.personFirstName, personLastName: referrals.personLastName, detailsRemovedAt: referrals.detailsRemovedAt },
          })
          .from(bookings)
          .innerJoin(referrals, eq(referrals.id, bookings.referralId))
          .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
          .innerJoin(activities, eq(activities.id, sessions.activityId))
          .where(and(eq(referrals.referrerOrganisationId, organisationId), eq(bookings.status, "booked"), gte(sessions.startsAt, now)))
          .orderBy(asc(sessions.startsAt), asc(bookings.id))
          .limit(MAX_EVENTS)
      : (
          await db
            .select({ session: sessionColumns, activity: activityColumns })
            .from(sessions)
            .innerJoin(activities, eq(activities.id, sessions.activityId))
            .where(and(eq(activities.organisationId, organisationId), eq(activities.status, "published"), gte(sessions.startsAt, now)))
            .orderBy(asc(sessions.startsAt), asc(sessions.id))
            .limit(MAX_EVENTS)
        ).map((r) => ({ ...r, bookingId: null, person: null }));

  const events: CalendarEvent[] = rows.map((r) => {
    const cancelled = r.session.status === "cancelled";
    const who = r.person && !r.person.detailsRemovedAt ? shortName(r.person) : null;
    return {
      uid: `${r.bookingId ?? r.session.id}@${host}`,
      start: r.session.startsAt,
      end: r.session.endsAt,
      timezone: r.activity.timezone,
      summary: kind === "caseload" ? `${who ?? "Someone you referred"}: ${r.activity.title}` : r.activity.title,
      description:
        kind === "organisation"
          ? `${r.session.bookedCount} of ${r.session.capacity} places booked.\n\n${publicUrl()}/organiser`
          : `${publicUrl()}/referrals`,
      location: r.activity.online ? { title: "Online" } : { title: [r.activity.venueName, r.activity.town].filter(Boolean).join(", ") || r.activity.title },
      url: null,
      cancelled,
    };
  });
  return buildCalendar({
    name: kind === "caseload" ? `${org.name}: people's sessions` : `${org.name}: all our sessions`,
    description: "Private calendar from Linkway. Do not share this link.",
    now,
    organizer: calendarOrganizer(org.name, org.email),
    events,
  });
}

