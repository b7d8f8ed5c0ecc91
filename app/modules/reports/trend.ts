/** Figures per week or month of the period, with the empty ones filled in (a gap in the data is a zero, not a missing point). */
import type { Period } from "./period";
import type { ReportTable } from "./report-table";
import { countCell, rateCell } from "./small-numbers";

const DAY_MS = 86_400_000;

/** The ISO date each week (Monday) or month of the period starts on, as Postgres's date_trunc names them. */
export function periodBuckets(period: Period): string[] {
  const out: string[] = [];
  const d = new Date(period.start);
  if (period.bucket === "month") {
    d.setUTCDate(1);
    while (d < period.end) {
      out.push(d.toISOString().slice(0, 10));
      d.setUTCMonth(d.getUTCMonth() + 1);
    }
  } else {
    d.setTime(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
    while (d < period.end) {
      out.push(d.toISOString().slice(0, 10));
      d.setTime(d.getTime() + 7 * DAY_MS);
    }
  }
  return out;
}

export function bucketLabel(iso: string, bucket: Period["bucket"]): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return bucket === "month"
    ? d.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" })
    : `w/c ${d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" })}`;
}

export function trendTable(period: Period, rows: { bucket: string; referred: number; attended: number }[], suppress: boolean): ReportTable {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  return {
    id: "trend",
    title: period.bucket === "month" ? "Referrals month by month" : "Referrals week by week",
    columns: [period.bucket === "month" ? "Month" : "Week", "Referred", "Went at least once", "Share who went"],
    rows: periodBuckets(period).map((b) => {
      const r = byBucket.get(b) ?? { referred: 0, attended: 0 };
      return { label: bucketLabel(b, period.bucket), cells: [countCell(r.referred, suppress), countCell(r.attended, suppress), rateCell(r.attended, r.referred, suppress)] };
    }),
  };
}
