/**
 * Worker job: accepted referrals with nothing booked STALL_NO_BOOKING_DAYS
 * after acceptance are flagged as stalled (once); booking clears the flag
 * (clearNoBookingStall). A referral of connection actions only has nothing
 * to book: its own rules (the actions module) say when it stalls.
 */
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { addDays } from "~/utils/time";
import { isNoBookingStall } from "./no-booking-stall-rules";
import { flagStalledReferrals } from "./stall-flag.server";
import { liveBookingSql } from "~/modules/bookings/index.server";

export async function flagReferralsWithoutBooking(options: { now?: Date; days?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const days = options.days ?? env().STALL_NO_BOOKING_DAYS;
  const db = await getDb();
  const cutoff = addDays(now, -days);
  const candidates = await queryRows<{ id: string }>(
    db,
    sql`select r.id from referrals r
        where r.status = 'accepted' and r.activity_id is not null and r.stalled_at is null and r.status_changed_at <= ${cutoff.toISOString()}::timestamptz
          and not exists (select 1 from bookings b where b.referral_id = r.id and ${liveBookingSql()})
        order by r.status_changed_at limit 200`,
  );
  return flagStalledReferrals(
    candidates.map((c) => c.id),
    async (tx, referral) => {
      const [live] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from bookings b where b.referral_id = ${referral.id} and ${liveBookingSql()}`,
      );
      return isNoBookingStall({ ...referral, hasLiveBooking: Number(live?.n ?? 0) > 0 }, now, days) ? "no_booking" : null;
    },
    now,
  );
}
