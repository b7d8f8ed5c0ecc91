// The bookings module's public face for code that also runs in the browser.
export { bookingStatusLabels, isLiveBooking, liveBookingSql, liveBookingsOfSessionSql } from "./booking";
export { attendedSql, canSelfReport, effectiveAttendance, effectiveAttendanceSql, noShowSql, type Mark, type OrganiserMark, type SelfReport } from "./effective-attendance";
