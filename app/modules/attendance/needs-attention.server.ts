/**
 * The same "needs attention first" order as needsAttentionRank, as an SQL
 * expression for sorting a caseload in the database:
 * `.orderBy(needsAttentionOrder(), desc(referrals.statusChangedAt))`.
 */
import { sql, type SQL } from "drizzle-orm";

const closed = sql.raw(`('completed','withdrawn','expired','declined','disengaged')`);
// Fully qualified: Drizzle leaves the table off columns in single-table selects,
// which would make "id" ambiguous inside the subquery. Use on an unaliased referrals table.
const id = sql.raw(`"referrals"."id"`);
const status = sql.raw(`"referrals"."status"`);
const stalledAt = sql.raw(`"referrals"."stalled_at"`);

/** The answer for the person's most recent session with one (organiser's mark first). */
export function lastMarkSql(): SQL<"attended" | "no_show" | null> {
  return sql`(select case when b.attendance <> 'unmarked' then b.attendance
                          when b.self_reported = 'went' then 'attended'
                          when b.self_reported = 'missed' then 'no_show' end
              from bookings b join sessions s on s.id = b.session_id
              where b.referral_id = ${id} and b.status = 'booked'
                and (b.attendance <> 'unmarked' or b.self_reported is not null)
              order by s.starts_at desc limit 1)`;
}

export function needsAttentionOrder(): SQL<number> {
  return sql<number>`case
    when ${stalledAt} is not null and ${status} not in ${closed} then 0
    when ${status} = 'declined' then 1
    when ${status} not in ${closed} and ${lastMarkSql()} = 'no_show' then 2
    when ${status} in ('disengaged', 'expired') then 3
    when ${status} in ('sent', 'accepted') then 4
    when ${status} in ('booked', 'attending') then 5
    else 6 end`;
}
