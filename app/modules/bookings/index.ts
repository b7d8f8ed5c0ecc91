// The bookings module's public face for code that also runs in the browser.
export { bookingStatusLabels, isLiveBooking, liveBookingSql, liveBookingsOfSessionSql } from "./booking";
export { canSelfReport, effectiveAttendance, effectiveAttendanceSql, type Mark, type OrganiserMark, type SelfReport } from "./effective-attendance";
