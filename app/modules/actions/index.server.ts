// The actions module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { changeLibrary, type LibraryEntry, listLibrary } from "./library.server";
export { countActions, loadPersonActions, logAction, logActionByToken, type PersonActionsPage } from "./person-actions.server";
export { addReferralAction, defaultPlanDates, stopReferralAction } from "./prescribe.server";
export { loadReferralActions, type ReferralActionsView } from "./referrer-actions.server";
export { referWithActions, type ReferWithActionsResult } from "./refer-with-actions.server";
export { answerNudge, changeNudges, handleTextReply, loadNudgePage, type NudgePage, sendActionNudges } from "./nudges.server";
export { flagActionsNotFollowed } from "./not-followed.server";
export { adherenceOfReferrals, type PlanAdherence } from "./plan-adherence.server";
