/**
 * "Needs attention first", the one definition: which referrals a referrer
 * should look at before the others, as an SQL rank for sorting a caseload.
 *
 *   0 stalled (and still open)
 *   1 declined by the organiser
 *   2 did not attend their last session (and still open)
 *   3 expired, or stopped going
 *   4 waiting (sent, accepted)
 *   5 going well (booked, attending)
 *   6 closed (completed, withdrawn)
 *
 * Ranks 0–3 need attention; attentionReason says why in words.
 */
import { sql, type SQL } from "drizzle-orm";
import { isFinalSql, type ReferralStatus } from "./lifecycle";
import { effectiveAttendanceSql } from "~/modules/bookings/index.server";

// Fully qualified: Drizzle leaves the table off columns in single-table selects,
// which would make "id" ambiguous inside the subquery. Use on an unaliased referrals table.
const id = sql.raw(`"referrals"."id"`);
const status = sql.raw(`"referrals"."status"`);
const stalledAt = sql.raw(`"referrals"."stalled_at"`);

/** The highest rank that still needs the referrer's attention. */
export const NEEDS_ATTENTION_MAX_RANK = 3;

/**
 * The answer for the person's most recent session with one: the organiser's
 * mark, else the person's own report (effectiveAttendance).
 */
export function lastMarkSql(): SQL<"attended" | "no_show" | null> {
  return sql`(select ${effectiveAttendanceSql("b")}
              from bookings b join sessions s on s.id = b.session_id
              where b.referral_id = ${id} and b.status = 'booked'
                and (b.attendance <> 'unmarked' or b.self_reported is not null)
              order by s.starts_at desc limit 1)`;
}

export function needsAttentionRankSql(): SQL<number> {
  return sql<number>`(case
    when ${stalledAt} is not null and not ${isFinalSql(status)} then 0
    when ${status} = 'declined' then 1
    when not ${isFinalSql(status)} and ${lastMarkSql()} = 'no_show' then 2
    when ${status} in ('disengaged', 'expired') then 3
    when ${status} in ('sent', 'accepted') then 4
    when ${status} in ('booked', 'attending') then 5
    else 6 end)::int`;
}

/** Why a referral with this rank needs attention, or null when it does not. */
export function attentionReason(rank: number, referralStatus: ReferralStatus): string | null {
  switch (Number(rank)) {
    case 0:
      return "Stalled";
    case 1:
      return "Declined";
    case 2:
      return "Did not attend their last session";
    case 3:
      return referralStatus === "expired" ? "Expired" : "Stopped going";
    default:
      return null;
  }
}
