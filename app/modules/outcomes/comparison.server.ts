/** Baseline against follow-up for one referral, for the referrer's referral page. */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings, outcomeResponses, referrals, sessions } from "#db/schema";
import { effectiveAttendance } from "~/modules/bookings/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { compareMeasures, type OutcomeComparison, type StoredResponse } from "./comparison";

/**
 * Null for an unknown referral. The caller (the referral page) has already
 * checked the viewer may see this referral.
 */
export async function getOutcomeComparison(referralId: string, options: { now?: Date } = {}): Promise<OutcomeComparison | null> {
  if (!isUuid(referralId)) return null;
  const db = await getDb();
  const [referral] = await db
    .select({ id: referrals.id, createdAt: referrals.createdAt, followUpSentAt: referrals.followUpSentAt })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  if (!referral) return null;
  const responses = await db
    .select()
    .from(outcomeResponses)
    .where(eq(outcomeResponses.referralId, referralId))
    .orderBy(asc(outcomeResponses.createdAt));
  const toStored = (phase: "baseline" | "follow_up"): StoredResponse[] =>
    responses.filter((r) => r.phase === phase).map((r) => ({ instrument: r.instrument, answers: r.answers }));
  const baselineAt = responses.find((r) => r.phase === "baseline")?.createdAt ?? null;
  const followUpAt = responses.find((r) => r.phase === "follow_up")?.createdAt ?? null;

  const from = baselineAt ?? referral.createdAt;
  const to = followUpAt ?? options.now ?? clockNow();
  const attended = await db
    .select({ attendance: bookings.attendance, selfReported: bookings.selfReported })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .where(and(eq(bookings.referralId, referralId), eq(bookings.status, "booked"), gte(sessions.startsAt, from), lte(sessions.startsAt, to)));

  return {
    referralId,
    baselineAt: baselineAt?.toISOString() ?? null,
    followUpAt: followUpAt?.toISOString() ?? null,
    followUpSentAt: referral.followUpSentAt?.toISOString() ?? null,
    sessionsAttendedBetween: attended.filter((b) => effectiveAttendance(b) === "attended").length,
    measures: compareMeasures(toStored("baseline"), toStored("follow_up")),
  };
}
