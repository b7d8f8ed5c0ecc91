/**
 * Worker job: a referral that was going (attending) and then had nothing
 * booked or attended for STALL_AFTER_ATTENDING_DAYS is flagged as stalled,
 * once. Booking or going again clears it (clearNoBookingStall, attendance).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Executor } from "#db/client";
import { referrals } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { isGoneQuiet } from "./gone-quiet-rules";
import { flagStalledReferrals } from "./stall-flag.server";

async function goingFacts(executor: Executor, referralId: string, now: Date) {
  const [row] = await queryRows<{ last_attended: string | Date | null; last_booked: string | Date | null; upcoming: boolean | null }>(
    executor,
    sql`select max(case when b.attendance = 'attended' then s.starts_at end) as last_attended,
               max(b.created_at) as last_booked,
               bool_or(b.status = 'booked' and s.status = 'scheduled' and s.starts_at > ${now.toISOString()}::timestamptz) as upcoming
        from bookings b join sessions s on s.id = b.session_id where b.referral_id = ${referralId}`,
  );
  return {
    lastAttendedAt: row?.last_attended ? new Date(row.last_attended) : null,
    lastBookedAt: row?.last_booked ? new Date(row.last_booked) : null,
    hasUpcoming: row?.upcoming === true,
  };
}

export async function flagReferralsGoneQuiet(options: { now?: Date; days?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const days = options.days ?? env().STALL_AFTER_ATTENDING_DAYS;
  const db = await getDb();
  const candidates = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.status, "attending"), isNull(referrals.stalledAt)))
    .limit(500);
  return flagStalledReferrals(
    candidates.map((c) => c.id),
    async (tx, referral) => (isGoneQuiet({ ...referral, ...(await goingFacts(tx, referral.id, now)) }, now, days) ? "stopped_after_attending" : null),
    now,
  );
}
