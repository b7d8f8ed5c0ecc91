/**
 * What every report figure is: a table of cells. The page shows it, the chart
 * draws it and the CSV writes it, all from the same cells, so the three can
 * never disagree (and suppression, done when the cells are made, reaches all
 * three). Browser-safe.
 */
import type { Cell } from "./small-numbers";

export interface ReportRow {
  label: string;
  cells: Cell[];
}

export interface ReportTable {
  /** The CSV's name: /reports/<page>.csv?table=<id>. */
  id: string;
  title: string;
  /** The first names the rows; one more per cell. */
  columns: string[];
  rows: ReportRow[];
}

export const textCell = (text: string): Cell => ({ value: null, text });

/** The rows as plain text, for the chart's table and the CSV. */
export function tableText(table: ReportTable): string[][] {
  return table.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]);
}
