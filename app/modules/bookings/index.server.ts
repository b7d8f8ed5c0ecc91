// The bookings module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { loadAttendanceFacts } from "./attendance-facts.server";
export { bookingCalendar } from "./booking-calendar.server";
export { bookingsCancelledWithSession, cancelBooking, cancelBookingsOfCancelledSession, type CancelledBooking, cancelUpcomingBookingsOfReferral, restoreCancelledBooking, type RestoredBooking } from "./cancel-booking.server";
export { type BookedSession, type Booking, placeBooking, placeWalkInBooking } from "./place-booking.server";
export { listReferralBookings } from "./referral-bookings.server";
export { confirmOffer, expireDueOffers, waitlistPosition } from "./waitlist.server";
