/**
 * The same "needs attention first" order as needsAttentionRank, as an SQL
 * expression for sorting a caseload in the database:
 * `.orderBy(needsAttentionOrder(), desc(referrals.statusChangedAt))`.
 */
import { sql, type SQL } from "drizzle-orm";
import { referrals } from "#db/schema";

const closed = sql.raw(`('completed','withdrawn','expired','declined','disengaged')`);

/** The answer for the person's most recent session with one (organiser's mark first). */
export function lastMarkSql(): SQL<"attended" | "no_show" | null> {
  return sql`(select case when b.attendance <> 'unmarked' then b.attendance
                          when b.self_reported = 'went' then 'attended'
                          when b.self_reported = 'missed' then 'no_show' end
              from bookings b join sessions s on s.id = b.session_id
              where b.referral_id = ${referrals.id} and b.status = 'booked'
                and (b.attendance <> 'unmarked' or b.self_reported is not null)
              order by s.starts_at desc limit 1)`;
}

export function needsAttentionOrder(): SQL<number> {
  return sql<number>`case
    when ${referrals.stalledAt} is not null and ${referrals.status} not in ${closed} then 0
    when ${referrals.status} = 'declined' then 1
    when ${referrals.status} not in ${closed} and ${lastMarkSql()} = 'no_show' then 2
    when ${referrals.status} in ('disengaged', 'expired') then 3
    when ${referrals.status} in ('sent', 'accepted') then 4
    when ${referrals.status} in ('booked', 'attending') then 5
    else 6 end`;
}
