// The reports module's public face: what routes, scripts and tests may use.
export * from "./index";
export { type AreaDashboard, areaDashboard, listTowns } from "./area-dashboard.server";
export { type ProviderDashboard, providerDashboard } from "./provider-dashboard.server";
export { type ReferrerDashboard, referrerDashboard } from "./referrer-dashboard.server";
export { reportAccess, type ReportViewer, type ReportViews, reportViews, seesArea } from "./scope.server";
export { csvResponse, csvText, dashboardCsv, tableCsv } from "./csv.server";
export { reportQueryFrom, viewerOf } from "./request.server";
export { exportCaseload } from "./caseload-export.server";
export { doseGroupOf, doseGroups, estimateText, type ImpactReport, impactMeasures, impactReport } from "./impact.server";
export { type GpSummary, gpSummary, SOCIAL_PRESCRIBING_REFERRAL_SNOMED } from "./gp-summary.server";
export { type GapEvidence, gapEvidence, type GapMap, gapMap } from "./gap-map.server";
export { refreshReportFacts } from "./referral-facts.server";
