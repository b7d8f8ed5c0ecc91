/**
 * CSV downloads of report tables: exactly the cells the page shows (so "< 5"
 * and "withheld" travel with the figures), UTF-8 with a byte-order mark so
 * Excel reads it as UTF-8, ISO 8601 dates.
 */
import { stringify } from "csv-stringify/sync";
import type { Period } from "./period";
import type { ReportTable } from "./report-table";
import { tableText } from "./report-table";

export function csvText(columns: string[], rows: string[][]): string {
  return stringify([columns, ...rows], { bom: true, record_delimiter: "windows" });
}

export function tableCsv(table: ReportTable, period: Pick<Period, "fromDate" | "toDate">): string {
  return csvText([...table.columns, "Period from", "Period to"], tableText(table).map((r) => [...r, period.fromDate, period.toDate]));
}

export function csvFileName(report: string, table: string, period: Pick<Period, "fromDate" | "toDate">): string {
  return `linkway-${report}-${table}-${period.fromDate}-to-${period.toDate}.csv`.replace(/[^a-z0-9.-]/gi, "-");
}

export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The named table of a dashboard as a CSV download, or null when it has no such table. */
export function dashboardCsv(report: string, dashboard: { period: Period; tables: Record<string, ReportTable> }, tableId: string | null): Response | null {
  const table = Object.values(dashboard.tables).find((t) => t.id === tableId);
  if (!table) return null;
  return csvResponse(tableCsv(table, dashboard.period), csvFileName(report, table.id, dashboard.period));
}
