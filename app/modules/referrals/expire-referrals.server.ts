/**
 * Worker job: a referral nobody has acted on for REFERRAL_EXPIRY_DAYS
 * expires — one never answered (sent), or one accepted but never booked.
 * "Acted on" means any event on its timeline or any live booking, so a
 * person sitting on a waitlist does not expire.
 */
import { and, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { referrals } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { IllegalTransitionError } from "./lifecycle";
import { transitionReferral } from "./transition-referral.server";
import { addDays } from "~/utils/time";
import { liveBookingSql } from "~/modules/bookings/index.server";

export async function expireIdleReferrals(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const days = env().REFERRAL_EXPIRY_DAYS;
  const cutoff = addDays(now, -days);
  const db = await getDb();
  const due = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        inArray(referrals.status, ["sent", "accepted"]),
        lt(referrals.statusChangedAt, cutoff),
        sql`not exists (select 1 from referral_events e where e.referral_id = ${referrals.id} and e.at >= ${cutoff.toISOString()}::timestamptz)`,
        sql`not exists (select 1 from bookings b where b.referral_id = ${referrals.id} and ${liveBookingSql()})`,
      ),
    )
    .limit(options.limit ?? 100);
  let expired = 0;
  for (const { id } of due) {
    try {
      await db.transaction((tx) =>
        transitionReferral(tx, {
          referralId: id,
          to: "expired",
          actor: { type: "system" },
          note: `No action for ${days} days`,
          now,
        }),
      );
      expired++;
    } catch (error) {
      // Someone acted on it in the meantime (e.g. it was just withdrawn): leave it.
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
  return expired;
}
