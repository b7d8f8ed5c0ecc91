/** Booking words shared by pages and messages. Browser-safe. */
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
