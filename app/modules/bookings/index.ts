// The bookings module's public face for code that also runs in the browser.
export { bookingStatusLabels } from "./booking";
export { attendedSql, canSelfReport, effectiveAttendance, noShowSql, type Mark, type OrganiserMark, type SelfReport } from "./effective-attendance";
