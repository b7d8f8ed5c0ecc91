/** Booking words shared by pages and messages. Browser-safe. */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

export type BookingStatus = "booked" | "waitlisted" | "offered" | "cancelled";

export const bookingStatusLabels: Record<BookingStatus, string> = {
  booked: "Booked",
  waitlisted: "On the waitlist",
  offered: "Place offered",
  cancelled: "Cancelled",
};

/** How long a freed place is held for the first person on the waitlist. */
export const OFFER_HOLD_HOURS = 24;

/** A place freed less than this before the start is simply released: nobody could act on an offer in time. */
export const MIN_OFFER_LEAD_MINUTES = 60;

/**
 * A live booking is one that is not cancelled: booked, on the waitlist, or
 * offered a freed place. It is what "has a booking" means for stalls, expiry,
 * disengagement and a session's "people booked" (the partial unique index in
 * db/schema/bookings.ts says the same: one live booking per person per session).
 */
export function isLiveBooking(booking: { status: BookingStatus }): boolean {
  return booking.status !== "cancelled";
}

/** isLiveBooking in SQL, for a bookings status column (`b.status` unless given). */
export function liveBookingSql(status: SQLWrapper = sql.raw("b.status")): SQL<boolean> {
  return sql<boolean>`(${status} <> 'cancelled')`;
}

/**
 * How many live bookings the session row being selected has. The session is
 * named in full because Drizzle leaves single-table columns unqualified, which
 * inside this subquery would point at the booking's own id.
 */
export const liveBookingsOfSessionSql = sql<number>`(select count(*)::int from bookings b where b.session_id = "sessions"."id" and ${liveBookingSql()})`;
