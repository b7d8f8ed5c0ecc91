/**
 * One answer to "did they go?" per booking. The organiser's mark wins; the
 * person's own report counts only while the organiser has not marked.
 * It reads the booking's own columns, so it lives with bookings: outcomes and
 * the person's page use it, below the attendance module that writes the marks.
 */
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
 * The same rule in SQL, for reports that count over many bookings: `alias` is
 * the bookings table's alias in the query (a fixed identifier, never input).
 */
export const attendedSql = (alias: string) => `(${alias}.attendance = 'attended' OR (${alias}.attendance = 'unmarked' AND ${alias}.self_reported = 'went'))`;
export const noShowSql = (alias: string) => `(${alias}.attendance = 'no_show' OR (${alias}.attendance = 'unmarked' AND ${alias}.self_reported = 'missed'))`;

/** The person can say whether they went once a session they are booked on has started (not if it was cancelled). */
export function canSelfReport(booking: { status: string }, session: { status: string; startsAt: Date }, now: Date): boolean {
  return booking.status === "booked" && session.status === "scheduled" && session.startsAt.getTime() <= now.getTime();
}
