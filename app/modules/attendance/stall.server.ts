/**
 * The stalled flag: set when the data says the prescription is not being
 * followed (the rules are in stall-rules.ts), cleared when the person goes
 * again. Setting it writes a "stalled" event and alerts the referrer.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Tx } from "#db/client";
import { referrals } from "#db/schema";
import { recordReferralEvent, type Referral as ReferralRow } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { queueStallAlert } from "./referral-notices.server";
import { isNoBookingStall, stallNextSteps, stallReasonLabels, type StallReason } from "./stall-rules";
import { addDays } from "~/utils/time";

export async function flagStalled(tx: Tx, referral: ReferralRow, reason: StallReason, now: Date): Promise<ReferralRow> {
  const [updated] = await tx
    .update(referrals)
    .set({ stalledAt: now, stalledReason: reason, updatedAt: now })
    .where(eq(referrals.id, referral.id))
    .returning();
  await recordReferralEvent(tx, {
    referralId: referral.id,
    at: now,
    kind: "stalled",
    actor: { type: "system" },
    note: stallReasonLabels[reason],
    data: { reason, nextSteps: [...stallNextSteps[reason]] },
  });
  await queueStallAlert(tx, updated, reason);
  return updated;
}

/**
 * Worker job: accepted referrals with nothing booked STALL_NO_BOOKING_DAYS
 * after acceptance are flagged (once).
 */
export async function flagReferralsWithoutBooking(options: { now?: Date; days?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const days = options.days ?? env().STALL_NO_BOOKING_DAYS;
  const db = await getDb();
  const cutoff = addDays(now, -days);
  const candidates = await queryRows<{ id: string }>(
    db,
    sql`select r.id from referrals r
        where r.status = 'accepted' and r.stalled_at is null and r.status_changed_at <= ${cutoff.toISOString()}::timestamptz
          and not exists (select 1 from bookings b where b.referral_id = r.id and b.status <> 'cancelled')
        order by r.status_changed_at limit 200`,
  );
  let flagged = 0;
  for (const { id } of candidates) {
    const done = await db.transaction(async (tx) => {
      const [referral] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), isNull(referrals.stalledAt)))
        .for("update", { skipLocked: true });
      if (!referral) return false;
      const [live] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from bookings where referral_id = ${id} and status <> 'cancelled'`,
      );
      const facts = { ...referral, hasLiveBooking: Number(live?.n ?? 0) > 0 };
      if (!isNoBookingStall(facts, now, days)) return false;
      await flagStalled(tx, referral, "no_booking", now);
      return true;
    });
    if (done) flagged++;
  }
  return flagged;
}
