// The activities module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { requireActivityMember, requireProviderOrganisation } from "./activity-access.server";
export { activityEditorSettings, submitActivityForm } from "./activity-form-submission.server";
export { changeActivityStatus } from "./activity-status.server";
export { applyCategoryAction, type CategoryOption, type CategoryView, listCategoriesWithUse, listCategoryOptions } from "./categories.server";
export { duplicateActivity } from "./duplicate-activity.server";
export { applyImportedOccurrences, IMPORT_CANCEL_REASON, type ImportedOccurrence, type ImportedSession, type ImportedSessionsResult } from "./imported-sessions.server";
export { HORIZON_WEEKS, materialiseSchedule, materialiseSchedules, rollSessionHorizon } from "./materialise-sessions.server";
export { listOrganisationActivities, listSessionsThisWeek } from "./organiser-dashboard.server";
export { findPublishedActivity, listPublishedActivities, listUpcomingSessions, MAX_UPCOMING_SESSIONS } from "./public-activities.server";
export { ActivityArchivedError, checkActivityValues, loadActivityForEditing, saveActivity } from "./save-activity.server";
export { findStrandedSessions } from "./schedule-regeneration.server";
export { getSearchIndex } from "./search-index.server";
export { pruneSpellingWords, queueActivityReindex, rebuildSearchIndex, refreshSessionSummaries, syncSearchIndex } from "./search-sync.server";
export { searchActivities, type SearchResultsPage } from "./search.server";
export { flushSearchLog } from "./search-log.server";
export { addExtraSession, cancelSession, cancelSessionIn, changeSession, listManagedSessions, reinstateSession, reinstateSessionIn, type SessionChangeResult } from "./single-session-edits.server";
