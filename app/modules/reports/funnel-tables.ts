/**
 * The funnel and its breakdowns as report tables: one shape for a team's own
 * figures (nothing suppressed) and for the area's (small numbers suppressed).
 */
import type { FunnelCounts } from "./referral-figures.server";
import type { ReportTable } from "./report-table";
import { countCell, measureCell, rateCell } from "./small-numbers";

export const funnelStages = [
  { key: "referred", label: "Referred" },
  { key: "accepted", label: "Accepted" },
  { key: "booked", label: "Booked a session" },
  { key: "attended", label: "Went at least once" },
  { key: "completed", label: "Completed" },
] as const satisfies readonly { key: keyof FunnelCounts; label: string }[];

export function funnelTable(total: FunnelCounts, suppress: boolean): ReportTable {
  return {
    id: "funnel",
    title: "From referral to taking part",
    columns: ["Stage", "People", "Share of those referred"],
    rows: funnelStages.map((s) => ({
      label: s.label,
      cells: [countCell(total[s.key], suppress), rateCell(total[s.key], total.referred, suppress)],
    })),
  };
}

export const days = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} days`;

export function medianCell(total: FunnelCounts, suppress: boolean) {
  return measureCell(total.medianDaysToAttend, total.attended, suppress, days);
}

/** One row per group (category, referrer, activity): referred, went, share went, completed, median days. */
export function breakdownTable(id: string, title: string, heading: string, rows: FunnelCounts[], nameOf: (key: string) => string, suppress: boolean): ReportTable {
  return {
    id,
    title,
    columns: [heading, "Referred", "Accepted", "Went at least once", "Share who went", "Completed", "Median days to first session"],
    rows: rows.map((r) => ({
      label: nameOf(r.key),
      cells: [
        countCell(r.referred, suppress),
        countCell(r.accepted, suppress),
        countCell(r.attended, suppress),
        rateCell(r.attended, r.referred, suppress),
        countCell(r.completed, suppress),
        medianCell(r, suppress),
      ],
    })),
  };
}

export function stalledTable(total: FunnelCounts, suppress: boolean): ReportTable {
  return {
    id: "stalled",
    title: "Referrals that have stalled, and why",
    columns: ["Why", "Stalled now", "Share of referrals still open"],
    rows: [
      { label: "Did not attend two sessions in a row", cells: [countCell(total.stalledNoShows, suppress), rateCell(total.stalledNoShows, total.open, suppress)] },
      { label: "Has not booked a session", cells: [countCell(total.stalledNoBooking, suppress), rateCell(total.stalledNoBooking, total.open, suppress)] },
      { label: "All stalled", cells: [countCell(total.stalled, suppress), rateCell(total.stalled, total.open, suppress)] },
    ],
  };
}
