/**
 * What every chart draws: a number for the geometry and the words shown for
 * it. The words are the caller's (a count, "< 5", "42%", "withheld"), so a
 * chart, its table and a CSV say exactly the same thing. A null value is drawn
 * as nothing: the words say why.
 */
export interface ChartValue {
  value: number | null;
  text: string;
}

export type HeadingLevel = 2 | 3 | 4;

/** What a chart says about itself: a title and one sentence a reader who cannot see it would want. */
export interface ChartCaption {
  title: string;
  /** One sentence: what the chart shows at a glance. */
  summary: string;
  headingLevel?: HeadingLevel;
  /** Said under the table (what a cell like "< 5" means, where the figures come from). */
  note?: string;
}

/**
 * Patterns and colours for up to four series: each has at least 3:1 contrast
 * on white (WCAG 1.4.11) and its own dash and marker, so no series is told
 * apart by colour alone.
 */
export const seriesStyles = [
  { colour: "#00594f", dash: undefined, marker: "circle" },
  { colour: "#1d4f91", dash: "6 4", marker: "square" },
  { colour: "#8a4b00", dash: "2 3", marker: "triangle" },
  { colour: "#6b2c91", dash: "10 3 2 3", marker: "diamond" },
] as const;

export type MarkerShape = (typeof seriesStyles)[number]["marker"];

/** Round numbers a little above the largest value, so the longest bar is not always full width. */
export function niceMax(values: (number | null)[], floor = 1): number {
  const largest = Math.max(floor, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  // A step of 1, 2, 2.5 or 5 (times a power of ten) that gives about four gridlines.
  const magnitude = 10 ** Math.floor(Math.log10(largest / 4));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= largest / 4)!;
  return Math.ceil(largest / step) * step;
}
