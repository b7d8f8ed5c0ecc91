/**
 * Means with 95% confidence intervals (Student's t), and medians. Small,
 * exact and dependency-free: the t quantiles are the standard table.
 */

/** t(0.975, df) for df = 1…30; beyond that the table's 40, 60, 120 and the normal 1.96. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tCritical975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T975[df - 1];
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

export interface MeanEstimate {
  n: number;
  mean: number | null;
  /** The 95% confidence interval; null with fewer than two values. */
  low: number | null;
  high: number | null;
}

export function meanWithInterval(values: readonly number[]): MeanEstimate {
  const n = values.length;
  if (n === 0) return { n, mean: null, low: null, high: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = (tCritical975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
