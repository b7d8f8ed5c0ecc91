import { sql } from "drizzle-orm";

/**
 * How many people hold a place on the session row being selected: every
 * booking that is not cancelled (booked, waitlisted or offered). A session
 * with any is "booked" for the schedule rules. The session is named in full
 * because Drizzle leaves single-table columns unqualified, which inside this
 * subquery would point at the booking's own id.
 */
export const liveBookingsOfSession = sql<number>`(select count(*)::int from bookings b where b.session_id = "sessions"."id" and b.status <> 'cancelled')`;
