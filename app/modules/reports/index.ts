// The reports module's public face for code that also runs in the browser.
export { MAX_PERIOD_DAYS, type Period, type PeriodPreset, periodPresets, periodSearch, type ReportQuery, reportQuerySchema, resolvePeriod } from "./period";
export { type ReportRow, type ReportTable, tableText, textCell } from "./report-table";
export { type Cell, countCell, isSmall, measureCell, rateCell, SMALL_NUMBER } from "./small-numbers";
export { meanWithInterval, type MeanEstimate, median, tCritical975 } from "./statistics";
export { funnelStages } from "./funnel-tables";
export { type ReportAccess, reportLinks } from "./report-links";
export { impactMeasures, type ImpactMeasure } from "./impact-measures";
export { cellOf, FEW_RESULTS, type GapCellRef, gapCellSchema, type GapPoint, NEARBY_KM, type SupplyPoint } from "./gap-cells";
export { FACTS_EVERY_MINUTES, figuresAsOf } from "./freshness";
