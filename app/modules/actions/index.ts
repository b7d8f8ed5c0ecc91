// The actions module's public face for code that also runs in the browser.
export { addDaysTo, adherence, dayOf, isOnTodaysList, rhythmLabel, SITE_TIMEZONE, weekStart, weekSummary } from "./rhythm";
export { libraryActionSchema, logActionSchema, MAX_PLAN_DAYS, prescribedActionFields, type PrescribedActionValues, referralActionFormSchema } from "./schemas";
export { actionGroupLabels, outcomeLabels, rhythmLabels } from "./vocabulary";
