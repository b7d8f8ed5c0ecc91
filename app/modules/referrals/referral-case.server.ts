/**
 * One referral as its referrer's organisation sees it: the person, the
 * activity, bookings, wellbeing before and after (the outcomes module's
 * comparison), and the whole timeline.
 * Another organisation's referral is "not found".
 */
import { desc, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { referralEvents, referrals, users } from "#db/schema";
import { bookingStatusLabels, listReferralBookings } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { getOutcomeComparison } from "~/modules/outcomes/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { contactDetails } from "./contact";
import { canTransition, statusLabels } from "./lifecycle";
import { reasonLabel } from "./reasons";
import { describeRemoval } from "./personal-data.server";
import { activityWhere, loadReferralContext } from "./referral-context.server";
import { findReferrerTeamReferral } from "./referrer-team-referral.server";
import { describeReferralEvent } from "./timeline";
import { transitionReferral } from "./transition-referral.server";
import { formatInTimezone, SITE_TIMEZONE } from "~/utils/time";

export type ReferralCase = NonNullable<Awaited<ReturnType<typeof getReferralCase>>>;

export async function getReferralCase(referralId: string, organisationIds: string[]) {
  const db = await getDb();
  if (!(await findReferrerTeamReferral(db, referralId, organisationIds))) return null;
  // A referral of connection actions only has no activity (and no context of one).
  const ctx = await loadReferralContext(db, referralId);
  const referral = ctx?.referral ?? (await db.select().from(referrals).where(eq(referrals.id, referralId)))[0];
  const activity = ctx?.activity ?? null;
  const tz = activity?.timezone ?? SITE_TIMEZONE;

  const events = await db
    .select({ event: referralEvents, actorName: users.name })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(eq(referralEvents.referralId, referralId))
    .orderBy(desc(referralEvents.at), desc(referralEvents.id));

  const booked = await listReferralBookings(db, referralId);

  const [referrer] = referral.referrerUserId ? await db.select({ name: users.name }).from(users).where(eq(users.id, referral.referrerUserId)) : [];

  return {
    id: referral.id,
    code: referral.code,
    person: {
      firstName: referral.personFirstName,
      lastName: referral.personLastName,
      ...contactDetails(referral),
    },
    detailsRemoved: describeRemoval(referral, tz),
    reasons: referral.reasons.map(reasonLabel),
    notes: referral.notesForOrganiser,
    status: referral.status,
    statusLabel: statusLabels[referral.status],
    stalled: referral.stalledAt ? describeStall(referral.stalledAt, events.find((e) => e.event.kind === "stalled")?.event, tz) : null,
    declineReason: referral.declineReason,
    consent: `${formatInTimezone(referral.consentAt, tz, "datetime")}${referrer ? `, recorded by ${referrer.name}` : ""}`,
    referredBy: referrer?.name ?? null,
    linkExpires: formatInTimezone(referral.linkExpiresAt, tz, "date"),
    canWithdraw: canTransition(referral.status, "withdrawn"),
    // Offered once they are going: a referral completed without a session attended would count as done when it was not.
    // An actions-only referral has no sessions to go to: it can be completed once under way.
    canComplete: referral.status === "attending" || (!activity && referral.status === "accepted"),
    activity: activity && ctx ? { id: activity.id, title: activity.title, organisationName: ctx.providerName, where: activityWhere(activity) } : null,
    bookings: booked.map(({ booking, session }) => ({
      id: booking.id,
      when: formatSessionWhen(session.startsAt, session.endsAt, tz),
      status: bookingStatusLabels[booking.status],
      attendance: booking.attendance === "attended" ? "Attended" : booking.attendance === "no_show" ? "Did not attend" : null,
      selfReported: booking.selfReported === "went" ? "Said they went" : booking.selfReported === "missed" ? "Said they could not go" : null,
      sessionCancelled: session.status === "cancelled",
    })),
    outcomes: (await getOutcomeComparison(referralId))!,
    timeline: events.map(({ event, actorName }) =>
      describeReferralEvent(
        {
          at: event.at,
          kind: event.kind,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          actorType: event.actorType,
          actorName,
          note: event.note,
          data: event.data ?? null,
        },
        tz,
      ),
    ),
  };
}

/** Since when, why and what to do next, as recorded with the newest "stalled" event (the reason in words). */
function describeStall(stalledAt: Date, event: typeof referralEvents.$inferSelect | undefined, tz: string) {
  const steps = event?.data?.nextSteps;
  return {
    since: formatInTimezone(stalledAt, tz, "date"),
    reason: event?.note ?? null,
    nextSteps: Array.isArray(steps) ? steps.filter((s): s is string => typeof s === "string") : [],
  };
}

/** Who acts on a referral from its page: a member of one of these referring organisations. */
interface CaseAccess {
  referralId: string;
  organisationIds: string[];
  userId: string;
}

export type WithdrawResult = { kind: "withdrawn" } | { kind: "not_found" };

/** The referrer withdraws (IllegalTransitionError if it has already ended → 409). */
export async function withdrawReferral(input: CaseAccess & { reason: string }, now: Date = clockNow()): Promise<WithdrawResult> {
  const done = await closeOwnedReferral(input, "withdrawn", input.reason, now);
  return done ? { kind: "withdrawn" } : { kind: "not_found" };
}

export type CompleteResult = { kind: "completed" } | { kind: "not_found" };

/**
 * The referrer marks the referral completed: the person has done what they
 * were referred for, though the activity goes on (an open-ended group has no
 * end to complete it). IllegalTransitionError when its status does not allow it (→ 409).
 */
export async function completeReferral(input: CaseAccess & { note?: string | null }, now: Date = clockNow()): Promise<CompleteResult> {
  const done = await closeOwnedReferral(input, "completed", input.note?.trim() || "Marked as completed by the referrer", now);
  return done ? { kind: "completed" } : { kind: "not_found" };
}

/** Moves a referral of one of the user's organisations; false when it is not theirs (nothing written). */
async function closeOwnedReferral(input: CaseAccess, to: "withdrawn" | "completed", note: string, now: Date): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const owned = await findReferrerTeamReferral(tx, input.referralId, input.organisationIds);
    if (!owned) return false;
    await transitionReferral(tx, { referralId: owned.id, to, actor: { type: "user", userId: input.userId }, note, now });
    return true;
  });
}
