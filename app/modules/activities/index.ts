// The activities module's public face for code that also runs in the browser.
export { type ActivityFormInput, activityToFormDefaults, createActivityFormSchema, localDate, MAX_SCHEDULES, newActivityDefaults, newScheduleDefaults, ONE_OFF_DATE_SLOTS, PHOTO_MAX_BYTES, type ScheduleFieldsInput, timezoneChoices } from "./activity-form-schema";
export { allowedStatusActions, IllegalStatusChangeError, isStatusAction, statusActions, statusLabels } from "./activity-status";
export { categoryActionSchema } from "./category-form";
export { DASHBOARD_PAGE_SIZE, dashboardQuerySchema } from "./dashboard-query";
export { activityAddressLine, formatCost, formatSessionWhen } from "./format";
export { joiningMessages, joiningMode, type JoiningMode, offersAskForAPlace, showsPlacesLeft } from "./joining-mode";
export { editorUrl, registerUrl, sessionsUrl } from "./organiser-urls";
export { describeSchedule, fromRrule, type RepeatChoice, type ScheduleRule, toRrule, type Weekday, WEEKDAYS } from "./schedule";
export { toApiResponse } from "./search-api";
export { dayKeys, dayLabels, defaultPerPage, effectiveSort, joinKeys, joinLabels, onlineLabels, onlineOptions, parseSearchParams, radiusOptionsKm, searchHref, type SearchParams, searchParamsSchema, sortKeys, sortLabels, timeKeys, timeLabels } from "./search-query";
export { sessionActionSchema } from "./session-forms";
export { type AccessibilityFeature, accessibilityFeatures, accessibilityKeys, type ActivityStatus, costTypes, suitabilityOptions } from "./vocabulary";
