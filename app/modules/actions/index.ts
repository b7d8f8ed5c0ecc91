// The actions module's public face for code that also runs in the browser.
export { addDaysTo, adherence, adherenceShare, adherenceWords, dayOf, planAdherence, isOnTodaysList, rhythmLabel, SITE_TIMEZONE, weekStart, weekSummary } from "./rhythm";
export { libraryActionSchema, logActionSchema, MAX_ACTIONS_ON_FORM, MAX_PLAN_DAYS, prescribedActionFields, type PrescribedActionValues, referralActionFormSchema, referWithActionsFormSchema, type ReferWithActionsValues } from "./schemas";
export { actionGroupLabels, outcomeLabels, rhythmLabels } from "./vocabulary";
export { isNudgeWindow, isQuietHour, nudgeHours, nudgeTimeLabels, type NudgeTime, readReply, tooManyUnanswered, UNANSWERED_LIMIT } from "./nudge-rules";
export { nudgeChangeSchema } from "./schemas";
