/**
 * The costly facts of a referral for the reports — was it ever accepted, ever
 * booked, when did the person first go — defined once here as SQL over a
 * referral `r`, and kept in report_referral_facts by the worker so that the
 * dashboards read a row instead of the events trail and every booking
 * (npm run bench:reports: the live form took seconds at 100,000 referrals).
 * A referral the job has not seen yet is worked out live.
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { attendedSql } from "~/modules/bookings/index.server";

export const liveFacts = {
  accepted: sql.raw(`(r.status IN ('accepted','booked','attending','completed','disengaged')
    OR EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = 'accepted'))`),
  booked: sql.raw(`(r.status IN ('booked','attending')
    OR EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = 'booked'))`),
  firstAttendedAt: sql.raw(`(SELECT min(s.starts_at) FROM bookings b JOIN sessions s ON s.id = b.session_id
    WHERE b.referral_id = r.id AND ${attendedSql("b")})`),
};

/** The facts of referral r: the stored row (alias f, left-joined) when there is one, else worked out now. */
export const factsOf = {
  accepted: sql`(CASE WHEN f.referral_id IS NULL THEN ${liveFacts.accepted} ELSE f.accepted END)`,
  booked: sql`(CASE WHEN f.referral_id IS NULL THEN ${liveFacts.booked} ELSE f.booked END)`,
  firstAttendedAt: sql`(CASE WHEN f.referral_id IS NULL THEN ${liveFacts.firstAttendedAt} ELSE f.first_attended_at END)`,
};

/**
 * Writes the facts of every referral that has none yet, or whose trail or
 * bookings changed since its row was written (every status change and
 * register mark writes an event; a booking's own times are checked too).
 * Returns how many rows it wrote.
 */
export async function refreshReportFacts(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  // Stamped a little early: a change committed while this runs (dated just before it) is looked at again next time.
  const stamp = new Date(now.getTime() - 2 * 60_000);
  const db = await getDb();
  const result = await db.execute(sql`
    INSERT INTO report_referral_facts (referral_id, accepted, booked, first_attended_at, refreshed_at)
    SELECT r.id, ${liveFacts.accepted}, ${liveFacts.booked}, ${liveFacts.firstAttendedAt}, ${stamp.toISOString()}::timestamptz
    FROM referrals r LEFT JOIN report_referral_facts f ON f.referral_id = r.id
    WHERE f.referral_id IS NULL
      OR EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.at >= f.refreshed_at)
      OR EXISTS (SELECT 1 FROM bookings b WHERE b.referral_id = r.id
        AND greatest(b.created_at, b.marked_at, b.self_reported_at, b.cancelled_at) >= f.refreshed_at)
    ON CONFLICT (referral_id) DO UPDATE SET accepted = excluded.accepted, booked = excluded.booked,
      first_attended_at = excluded.first_attended_at, refreshed_at = excluded.refreshed_at`);
  return Number((result as { count?: number; affectedRows?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0);
}
