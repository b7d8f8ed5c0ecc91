/**
 * The organiser's side: referrals to their organisation's activities,
 * accept or decline, and who is coming to each session. Organisers see only
 * what a referral shares with them: first name and last initial, the
 * reference, the contact details the person agreed to share, what matters to
 * them and the notes — never the referrer's wellbeing scores.
 */
import type { DeclineReasonKind } from "./reasons";
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, bookings, organisations, referrals, sessions } from "#db/schema";
import { bookingStatusLabels, listReferralBookings } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { contactDetails } from "./contact";
import { describeRemoval } from "./personal-data.server";
import { statusLabels } from "./lifecycle";
import { reasonLabel } from "./reasons";
import { shortName } from "./referral-context.server";
import { transitionReferral } from "./transition-referral.server";
import { formatInTimezone, addDays } from "~/utils/time";

type ReferralRow = typeof referrals.$inferSelect;

/** What the person agreed to share with the organiser. */
function sharedDetails(r: ReferralRow) {
  return {
    name: shortName(r),
    code: r.code,
    ...contactDetails(r),
    reasons: r.reasons.map(reasonLabel),
    notes: r.notesForOrganiser,
  };
}

const RECENT_LIMIT = 50;

export async function listOrganiserReferrals(organisationIds: string[], now: Date = clockNow()) {
  const db = await getDb();
  if (organisationIds.length === 0) return { waiting: [], recent: [], sessions: [] };
  const rows = await db
    .select({ referral: referrals, activityTitle: activities.title, timezone: activities.timezone, referrerOrg: organisations.name })
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(organisations, eq(organisations.id, referrals.referrerOrganisationId))
    .where(inArray(activities.organisationId, organisationIds))
    .orderBy(desc(referrals.createdAt))
    .limit(200);
  const item = (r: (typeof rows)[number]) => ({
    id: r.referral.id,
    name: shortName(r.referral),
    code: r.referral.code,
    activityTitle: r.activityTitle,
    status: r.referral.status,
    statusLabel: statusLabels[r.referral.status],
    from: r.referral.source === "self" ? "Asked for a place themselves" : r.referrerOrg ?? "A referrer",
    received: formatInTimezone(r.referral.createdAt, r.timezone, "datetime"),
    reasons: r.referral.reasons.map(reasonLabel),
  });
  return {
    waiting: rows.filter((r) => r.referral.status === "sent").map(item).reverse(),
    recent: rows.filter((r) => r.referral.status !== "sent").slice(0, RECENT_LIMIT).map(item),
    sessions: await listSessionsWithBookings(organisationIds, now),
  };
}

/** The next four weeks' sessions that have people booked or waiting. */
async function listSessionsWithBookings(organisationIds: string[], now: Date) {
  const db = await getDb();
  const horizon = addDays(now, 28);
  const waiting = sql<number>`(select count(*)::int from bookings b where b.session_id = ${sessions.id} and b.status = 'waitlisted')`;
  const rows = await db
    .select({ session: sessions, activityTitle: activities.title, timezone: activities.timezone, waiting })
    .from(sessions)
    .innerJoin(activities, eq(activities.id, sessions.activityId))
    .where(
      and(
        inArray(activities.organisationId, organisationIds),
        gt(sessions.endsAt, now),
        lt(sessions.startsAt, horizon),
        ne(sessions.status, "cancelled"),
        sql`exists (select 1 from bookings b where b.session_id = ${sessions.id} and b.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(sessions.startsAt))
    .limit(100);
  return rows.map((r) => ({
    id: r.session.id,
    activityTitle: r.activityTitle,
    when: formatSessionWhen(r.session.startsAt, r.session.endsAt, r.timezone),
    booked: r.session.bookedCount,
    capacity: r.session.capacity,
    waiting: Number(r.waiting),
  }));
}

async function findOwnReferral(referralId: string, organisationIds: string[]) {
  if (!isUuid(referralId) || organisationIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({ referral: referrals, activity: activities, referrerOrg: organisations.name })
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(organisations, eq(organisations.id, referrals.referrerOrganisationId))
    .where(and(eq(referrals.id, referralId), inArray(activities.organisationId, organisationIds)));
  return row ?? null;
}

/** One referral to the organiser's activity; another organisation's is "not found" (null). */
export async function getOrganiserReferral(referralId: string, organisationIds: string[]) {
  const row = await findOwnReferral(referralId, organisationIds);
  if (!row) return null;
  const db = await getDb();
  const tz = row.activity.timezone;
  const booked = await listReferralBookings(db, referralId);
  return {
    id: row.referral.id,
    person: sharedDetails(row.referral),
    detailsRemoved: describeRemoval(row.referral, tz),
    status: row.referral.status,
    statusLabel: statusLabels[row.referral.status],
    declineReason: row.referral.declineReason,
    canDecide: row.referral.status === "sent",
    from: row.referral.source === "self" ? "Asked for a place themselves" : row.referrerOrg ?? "A referrer",
    received: formatInTimezone(row.referral.createdAt, tz, "datetime"),
    activity: { id: row.activity.id, title: row.activity.title },
    bookings: booked.map(({ booking, session }) => ({
      id: booking.id,
      sessionId: session.id,
      when: formatSessionWhen(session.startsAt, session.endsAt, tz),
      status: bookingStatusLabels[booking.status],
    })),
  };
}

export type DecisionResult = { kind: "accepted" | "declined" } | { kind: "not_found" };

/** Accept or decline a new referral; the person and the referrer are told (IllegalTransitionError → 409). */
export async function decideReferral(
  input: { referralId: string; organisationIds: string[]; userId: string; decision: { intent: "accept" } | { intent: "decline"; kind: DeclineReasonKind; reason: string } },
  now: Date = clockNow(),
): Promise<DecisionResult> {
  const row = await findOwnReferral(input.referralId, input.organisationIds);
  if (!row) return { kind: "not_found" };
  const db = await getDb();
  const actor = { type: "user" as const, userId: input.userId };
  await db.transaction(async (tx) => {
    if (input.decision.intent === "accept") {
      await transitionReferral(tx, { referralId: row.referral.id, to: "accepted", actor, now });
    } else {
      await transitionReferral(tx, { referralId: row.referral.id, to: "declined", actor, note: input.decision.reason, declineReasonKind: input.decision.kind, now });
    }
  });
  return { kind: input.decision.intent === "accept" ? "accepted" : "declined" };
}

/** Who is coming to a session of the organiser's activity (null when it is not theirs). */
export async function listSessionPeople(sessionId: string, organisationIds: string[]) {
  if (!isUuid(sessionId) || organisationIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({ session: sessions, activity: activities })
    .from(sessions)
    .innerJoin(activities, eq(activities.id, sessions.activityId))
    .where(and(eq(sessions.id, sessionId), inArray(activities.organisationId, organisationIds)));
  if (!row) return null;
  const people = await db
    .select({ booking: bookings, referral: referrals })
    .from(bookings)
    .innerJoin(referrals, eq(referrals.id, bookings.referralId))
    .where(and(eq(bookings.sessionId, sessionId), ne(bookings.status, "cancelled")))
    .orderBy(asc(bookings.createdAt), asc(bookings.id));
  const tz = row.activity.timezone;
  const toPerson = ({ booking, referral }: (typeof people)[number]) => ({
    bookingId: booking.id,
    referralId: referral.id,
    ...sharedDetails(referral),
    status: bookingStatusLabels[booking.status],
    offerExpires: booking.offerExpiresAt ? formatInTimezone(booking.offerExpiresAt, tz, "datetime") : null,
  });
  return {
    session: {
      id: row.session.id,
      when: formatSessionWhen(row.session.startsAt, row.session.endsAt, tz),
      capacity: row.session.capacity,
      bookedCount: row.session.bookedCount,
      cancelled: row.session.status === "cancelled",
    },
    activity: { id: row.activity.id, title: row.activity.title },
    coming: people.filter((p) => p.booking.status === "booked" || p.booking.status === "offered").map(toPerson),
    waiting: people.filter((p) => p.booking.status === "waitlisted").map(toPerson),
  };
}

