// The attendance module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { completeFinishedProgrammes } from "./completion.server";
export { disengageStalledReferrals } from "./disengage.server";
export { isDisengaged } from "./disengage-rules";
export { markAttendance, markEveryoneAttended } from "./mark-attendance.server";
export { ATTENDANCE_NOTICE_DELAY_MS } from "./referral-notices.server";
export { runRegisterAction } from "./register-actions.server";
export { sendRegisterLinks } from "./register-link.server";
export { listRecentRegisters, loadRegister, reopenRegister, requestNewRegisterLink } from "./register.server";
export { loadSelfReport, recordSelfReport } from "./self-report.server";
export { addWalkIn } from "./walk-in.server";
