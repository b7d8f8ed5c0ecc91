/**
 * Small-number suppression (the NHS's disclosure control): in any figure
 * that covers more than one organisation, a count from 1 to 4 is shown as
 * "< 5" and a percentage built on one is withheld — in the page, the chart
 * and the CSV alike, because all three read these cells. Zero is shown: it
 * points at nobody. An organisation's own figures about its own work are
 * not suppressed (it already knows those people).
 */
export const SMALL_NUMBER = 5;

export interface Cell {
  /** For the chart's geometry; null when withheld or not defined. */
  value: number | null;
  /** What the page, the table and the CSV say. */
  text: string;
}

export const isSmall = (n: number) => n > 0 && n < SMALL_NUMBER;

export function countCell(n: number, suppress: boolean): Cell {
  if (suppress && isSmall(n)) return { value: null, text: "< 5" };
  return { value: n, text: n.toLocaleString("en-GB") };
}

/** A percentage, withheld when either count is small (and suppressed), blank when there is nothing to divide by. */
export function rateCell(numerator: number, denominator: number, suppress: boolean): Cell {
  if (denominator === 0) return { value: null, text: "–" };
  if (suppress && (isSmall(numerator) || isSmall(denominator))) return { value: null, text: "withheld" };
  const pct = (100 * numerator) / denominator;
  return { value: pct, text: `${Math.round(pct)}%` };
}

/** A number that is not a count (a median, a mean): withheld when the group it describes is small. */
export function measureCell(value: number | null, groupSize: number, suppress: boolean, format: (v: number) => string): Cell {
  if (value === null || groupSize === 0) return { value: null, text: "–" };
  if (suppress && isSmall(groupSize)) return { value: null, text: "withheld" };
  return { value, text: format(value) };
}
