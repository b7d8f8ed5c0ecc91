/**
 * One answer to "did they go?" per booking. The organiser's mark wins; the
 * person's own report counts only while the organiser has not marked.
 * It reads the booking's own columns, so it lives with bookings: outcomes and
 * the person's page use it, below the attendance module that writes the marks.
 * effectiveAttendanceSql is the same rule for queries; a test checks they agree.
 */
import { sql, type SQL } from "drizzle-orm";

export type Mark = "attended" | "no_show";
export type OrganiserMark = "unmarked" | Mark;
export type SelfReport = "went" | "missed";

export function effectiveAttendance(booking: { attendance: OrganiserMark; selfReported: SelfReport | null }): Mark | null {
  if (booking.attendance !== "unmarked") return booking.attendance;
  if (booking.selfReported === "went") return "attended";
  if (booking.selfReported === "missed") return "no_show";
  return null;
}

/**
 * effectiveAttendance in SQL, for the bookings row under an alias (`b` unless
 * given): 'attended', 'no_show' or null.
 */
export function effectiveAttendanceSql(alias = "b"): SQL<Mark | null> {
  const b = sql.raw(alias);
  return sql<Mark | null>`(case when ${b}.attendance <> 'unmarked' then ${b}.attendance
                                when ${b}.self_reported = 'went' then 'attended'
                                when ${b}.self_reported = 'missed' then 'no_show' end)`;
}

/**
 * The same rule in SQL, for reports that count over many bookings: `alias` is
 * the bookings table's alias in the query (a fixed identifier, never input).
 * Never null (self_reported is null until the person answers), so `NOT` works too.
 */
export const attendedSql = (alias: string) =>
  `(${alias}.attendance = 'attended' OR (${alias}.attendance = 'unmarked' AND ${alias}.self_reported IS NOT DISTINCT FROM 'went'))`;
export const noShowSql = (alias: string) =>
  `(${alias}.attendance = 'no_show' OR (${alias}.attendance = 'unmarked' AND ${alias}.self_reported IS NOT DISTINCT FROM 'missed'))`;

/** The person can say whether they went once a session they are booked on has started (not if it was cancelled). */
export function canSelfReport(booking: { status: string }, session: { status: string; startsAt: Date }, now: Date): boolean {
  return booking.status === "booked" && session.status === "scheduled" && session.startsAt.getTime() <= now.getTime();
}
