/**
 * Worker job: a stalled referral that stays stalled — nothing booked or
 * attended for DISENGAGE_AFTER_STALL_DAYS more (the rule is isDisengaged in
 * disengage-rules.ts) — ends as "disengaged" through the lifecycle, which
 * writes the timeline event, drops the stall flag and tells the referrer.
 */
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { getDb, queryRows, type Tx } from "#db/client";
import { referrals } from "#db/schema";
import { stallReasonLabels, transitionReferral, type StallReason } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { disengageableStatuses, isDisengaged } from "./disengage-rules";
import { DAY_MS } from "~/utils/time";
import { liveBookingSql } from "~/modules/bookings/index.server";


async function bookingActivity(tx: Tx, referralId: string, now: Date) {
  const [row] = await queryRows<{ last_activity: string | Date | null; upcoming: boolean | null }>(
    tx,
    sql`select max(greatest(b.created_at, case when b.status = 'booked' then s.starts_at end)) as last_activity,
               bool_or(${liveBookingSql()} and s.status = 'scheduled' and s.starts_at > ${now.toISOString()}::timestamptz) as upcoming
        from bookings b join sessions s on s.id = b.session_id
        where b.referral_id = ${referralId}`,
  );
  return {
    lastBookingActivityAt: row?.last_activity ? new Date(row.last_activity) : null,
    hasUpcomingBooking: Boolean(row?.upcoming),
  };
}

export async function disengageStalledReferrals(options: { now?: Date; days?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const days = options.days ?? env().DISENGAGE_AFTER_STALL_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const db = await getDb();
  const candidates = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(inArray(referrals.status, [...disengageableStatuses]), isNotNull(referrals.stalledAt), lte(referrals.stalledAt, cutoff)))
    .orderBy(referrals.stalledAt)
    .limit(200);
  let disengaged = 0;
  for (const { id } of candidates) {
    const done = await db.transaction(async (tx) => {
      const [referral] = await tx.select().from(referrals).where(eq(referrals.id, id)).for("update", { skipLocked: true });
      if (!referral) return false;
      const facts = { ...referral, ...(await bookingActivity(tx, id, now)) };
      if (!isDisengaged(facts, now, days)) return false;
      const reason = stallReasonLabels[referral.stalledReason as StallReason] ?? null;
      await transitionReferral(tx, {
        referralId: id,
        to: "disengaged",
        actor: { type: "system" },
        note: `Stalled${reason ? ` (${reason.toLowerCase()})` : ""}, then nothing booked or attended for ${days} days`,
        data: { stalledReason: referral.stalledReason, stalledAt: referral.stalledAt?.toISOString() ?? null, days },
        now,
      });
      return true;
    });
    if (done) disengaged++;
  }
  return disengaged;
}
