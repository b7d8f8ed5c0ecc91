// The interop module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { activityCalendar, organisationCalendar } from "./activity-calendar.server";
export { calendarFileName, calendarResponse } from "./icalendar.server";
export { hsdsItemLoader, hsdsListLoader, openDataHeaders, openDataJson, openDataNotFound, readOnlyAction } from "./hsds-http.server";
export {
  getHsdsOrganization,
  getHsdsService,
  getHsdsServiceAtLocation,
  getHsdsTaxonomy,
  getHsdsTaxonomyTerm,
  hsdsRoot,
  listHsdsOrganizations,
  listHsdsServiceAtLocations,
  listHsdsServices,
  listHsdsTaxonomies,
  listHsdsTaxonomyTerms,
} from "./hsds.server";
export { openApiDocument } from "./openapi";
export { exportReferralFhir } from "./fhir-referral.server";
export { referralBundle, SOCIAL_PRESCRIBING_REFERRAL, taskStatusOf } from "./fhir-referral";
export { type FeedChoice, type FeedKind, issueCalendarFeed, listCalendarFeeds, privateFeedCalendar, revokeCalendarFeed } from "./private-feeds.server";
export {
  confirmImport,
  type ConfirmResult,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportActor,
  previewImport,
  type PreviewResult,
  readImportPreview,
} from "./import.server";
export { checkFeedUrl, FeedFetchError, fetchFeedText } from "./fetch-feed.server";
export { type ImportSubmission, submitImportForm } from "./import-form-submission.server";
export {
  type CalendarImportResult,
  type CalendarImportView,
  linkCalendarImport,
  listFailingCalendarImports,
  readCalendarImport,
  refreshCalendarImports,
  unlinkCalendarImport,
} from "./calendar-import.server";
