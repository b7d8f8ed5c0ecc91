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
export { refreshReferralDays } from "./referral-days.server";
import { refreshReportFacts } from "./referral-facts.server";
import { refreshReferralDays } from "./referral-days.server";
import { refreshSearchDays } from "./search-days.server";
export { refreshSearchDays } from "./search-days.server";

/** The worker's reports job: the per-referral facts first, then the per-day figures (the referral days read the facts). */
export async function refreshReportFigures(options: { now?: Date } = {}): Promise<{ facts: number; days: number; searches: number }> {
  const facts = await refreshReportFacts(options);
  const days = await refreshReferralDays(options);
  const searches = await refreshSearchDays(options);
  return { facts, days, searches };
}
