// The attendance module's public face for code that also runs in the browser.
export { AttendanceError } from "./attendance-error";
export { offlineResult, type RegisterActionResult } from "./register-results";
export { REGISTER_EDITABLE_DAYS } from "./register-window";
export { selfReportSchema, walkInSchema } from "./schemas";
