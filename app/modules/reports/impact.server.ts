/**
 * Wellbeing from baseline to follow-up (ONS4's four items and the UCLA-3
 * loneliness score), overall, by kind of activity and by dose — how many
 * sessions the person went to — each with n, the mean change and its 95%
 * confidence interval; and how complete the data is, because a change seen
 * in one person in ten is not evidence. Nothing here compares with people
 * who were not referred: the page says so.
 */
import { sql, type SQL } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { attendedSql } from "~/modules/bookings/index.server";
import { areaCondition } from "./area-dashboard.server";
import { resolvePeriod, type Period, type ReportQuery } from "./period";
import { rowsOf } from "./referral-figures.server";
import { categoryNames } from "./referrer-dashboard.server";
import type { ReportTable } from "./report-table";
import { areaScope, organisationScope, seesArea, type ReportViewer } from "./scope.server";
import { countCell, isSmall, rateCell, type Cell } from "./small-numbers";
import { meanWithInterval, type MeanEstimate } from "./statistics";

import { impactMeasures, type ImpactMeasure } from "./impact-measures";

export { impactMeasures, type ImpactMeasure };

export const doseGroups = [
  { key: "0", label: "No sessions", min: 0, max: 0 },
  { key: "1-2", label: "1 to 2 sessions", min: 1, max: 2 },
  { key: "3-5", label: "3 to 5 sessions", min: 3, max: 5 },
  { key: "6+", label: "6 or more sessions", min: 6, max: Infinity },
] as const;

export const doseGroupOf = (sessions: number) => doseGroups.find((g) => sessions >= g.min && sessions <= g.max)!;

interface PersonChange {
  category: string;
  dose: number;
  hasBaseline: boolean;
  hasFollowUp: boolean;
  /** follow-up minus baseline, per measure, where both exist. */
  change: Partial<Record<ImpactMeasure, number>>;
}

export interface IntervalRow {
  label: string;
  n: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
  text: string;
}

export interface ImpactReport {
  view: "area" | "referrer" | "provider";
  title: string;
  period: Period;
  measure: ImpactMeasure;
  suppress: boolean;
  tables: { completeness: ReportTable; overall: ReportTable; byDose: ReportTable; byCategory: ReportTable };
  /** The chosen measure's intervals, for the charts (the same estimates as the tables' cells). */
  charts: { byDose: IntervalRow[]; byCategory: IntervalRow[] };
}

const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(1)}`;

/** "+1.2 (0.4 to 2.0)"; withheld when the group is small (and suppressed); "–" with nobody. */
export function estimateText(e: MeanEstimate, suppress: boolean): string {
  if (e.n === 0 || e.mean === null) return "–";
  if (suppress && isSmall(e.n)) return "withheld";
  if (e.low === null || e.high === null) return `${signed(e.mean)} (too few for an interval)`;
  return `${signed(e.mean)} (${signed(e.low)} to ${signed(e.high)})`;
}

function intervalRow(label: string, values: number[], suppress: boolean): IntervalRow {
  const e = meanWithInterval(values);
  const hidden = suppress && isSmall(e.n);
  return { label, n: e.n, estimate: hidden ? null : e.mean, low: hidden ? null : e.low, high: hidden ? null : e.high, text: estimateText(e, suppress) };
}

async function personChanges(period: Period, where: SQL): Promise<PersonChange[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`
    SELECT a.category,
      (SELECT count(*)::int FROM bookings b WHERE b.referral_id = r.id AND b.status = 'booked' AND ${sql.raw(attendedSql("b"))}) AS dose,
      ob.answers AS ons4_before, oa.answers AS ons4_after, ub.score AS ucla_before, ua.score AS ucla_after
    FROM referrals r JOIN activities a ON a.id = r.activity_id
    LEFT JOIN outcome_responses ob ON ob.referral_id = r.id AND ob.instrument = 'ons4' AND ob.phase = 'baseline'
    LEFT JOIN outcome_responses oa ON oa.referral_id = r.id AND oa.instrument = 'ons4' AND oa.phase = 'follow_up'
    LEFT JOIN outcome_responses ub ON ub.referral_id = r.id AND ub.instrument = 'ucla3' AND ub.phase = 'baseline'
    LEFT JOIN outcome_responses ua ON ua.referral_id = r.id AND ua.instrument = 'ucla3' AND ua.phase = 'follow_up'
    WHERE r.created_at >= ${period.start.toISOString()}::timestamptz AND r.created_at < ${period.end.toISOString()}::timestamptz AND (${where})`);
  return rowsOf<Record<string, unknown>>(result).map((r) => {
    const before = (typeof r.ons4_before === "string" ? JSON.parse(r.ons4_before) : r.ons4_before) as Record<string, number> | null;
    const after = (typeof r.ons4_after === "string" ? JSON.parse(r.ons4_after) : r.ons4_after) as Record<string, number> | null;
    const change: PersonChange["change"] = {};
    if (before && after) {
      for (const k of ["life_satisfaction", "worthwhile", "happiness", "anxiety"] as const) {
        if (typeof before[k] === "number" && typeof after[k] === "number") change[k] = after[k] - before[k];
      }
    }
    if (r.ucla_before !== null && r.ucla_after !== null && r.ucla_before !== undefined && r.ucla_after !== undefined) change.ucla3 = Number(r.ucla_after) - Number(r.ucla_before);
    return {
      category: String(r.category),
      dose: Number(r.dose),
      hasBaseline: Boolean(before) || (r.ucla_before !== null && r.ucla_before !== undefined),
      hasFollowUp: Boolean(after) || (r.ucla_after !== null && r.ucla_after !== undefined),
      change,
    };
  });
}

const valuesOf = (people: PersonChange[], m: ImpactMeasure) => people.flatMap((p) => (p.change[m] === undefined ? [] : [p.change[m]!]));

function groupTable(id: string, title: string, heading: string, groups: { label: string; people: PersonChange[] }[], suppress: boolean): ReportTable {
  return {
    id,
    title,
    columns: [heading, "People with both answers", ...impactMeasures.map((m) => `${m.label}: mean change (95% interval)`)],
    rows: groups.map((g) => {
      const both = g.people.filter((p) => Object.keys(p.change).length > 0).length;
      return {
        label: g.label,
        cells: [countCell(both, suppress), ...impactMeasures.map((m): Cell => ({ value: null, text: estimateText(meanWithInterval(valuesOf(g.people, m.key)), suppress) }))],
      };
    }),
  };
}

export async function impactReport(viewer: ReportViewer, query: ReportQuery & { view?: string; measure?: string }, now: Date): Promise<ImpactReport | null> {
  const wanted = query.view ?? (seesArea(viewer) ? "area" : undefined);
  let where: SQL;
  let title: string;
  let view: ImpactReport["view"];
  if (wanted === "area") {
    const scope = areaScope(viewer, query);
    if (!scope) return null;
    where = areaCondition(scope);
    title = "Wellbeing across the area";
    view = "area";
  } else {
    const referrer = wanted === "provider" ? null : await organisationScope(viewer, "referrer", query.org);
    const provider = referrer || wanted === "referrer" ? null : await organisationScope(viewer, "provider", query.org);
    if (referrer) {
      where = sql`r.referrer_organisation_id = ${referrer.organisationId}`;
      title = `Wellbeing of people referred by ${referrer.organisationName}`;
      view = "referrer";
    } else if (provider) {
      where = sql`a.organisation_id = ${provider.organisationId}`;
      title = `Wellbeing of people referred to ${provider.organisationName}`;
      view = "provider";
    } else return null;
  }
  const suppress = view === "area";
  const period = resolvePeriod(query, now);
  const [people, nameOf] = await Promise.all([personChanges(period, where), categoryNames()]);
  const measure = (impactMeasures.find((m) => m.key === query.measure)?.key ?? "ucla3") as ImpactMeasure;

  const went = people.filter((p) => p.dose > 0);
  const complete = (ps: PersonChange[]) => ps.filter((p) => p.hasBaseline && p.hasFollowUp).length;
  const completeness: ReportTable = {
    id: "completeness",
    title: "How complete the wellbeing answers are",
    columns: ["Referrals", "Referrals", "With a baseline", "With a baseline and a follow-up", "Share with both"],
    rows: [
      { label: "All referrals in the period", cells: [countCell(people.length, suppress), countCell(people.filter((p) => p.hasBaseline).length, suppress), countCell(complete(people), suppress), rateCell(complete(people), people.length, suppress)] },
      { label: "Those who went at least once", cells: [countCell(went.length, suppress), countCell(went.filter((p) => p.hasBaseline).length, suppress), countCell(complete(went), suppress), rateCell(complete(went), went.length, suppress)] },
    ],
  };
  const overall: ReportTable = {
    id: "overall",
    title: "Change from baseline to follow-up, everyone",
    columns: ["Measure", "People with both answers", "Mean change (95% interval)"],
    rows: impactMeasures.map((m) => {
      const e = meanWithInterval(valuesOf(people, m.key));
      return { label: m.label, cells: [countCell(e.n, suppress), { value: suppress && isSmall(e.n) ? null : e.mean, text: estimateText(e, suppress) }] };
    }),
  };
  const doseSets = doseGroups.map((g) => ({ label: g.label, people: people.filter((p) => doseGroupOf(p.dose).key === g.key) }));
  const categories = [...new Set(people.map((p) => p.category))].sort().map((c) => ({ label: nameOf(c), people: people.filter((p) => p.category === c) }));
  return {
    view,
    title,
    period,
    measure,
    suppress,
    tables: {
      completeness,
      overall,
      byDose: groupTable("by-dose", "By how many sessions people went to", "Sessions attended", doseSets, suppress),
      byCategory: groupTable("by-category", "By kind of activity", "Kind of activity", categories, suppress),
    },
    charts: {
      byDose: doseSets.map((g) => intervalRow(g.label, valuesOf(g.people, measure), suppress)),
      byCategory: categories.map((g) => intervalRow(g.label, valuesOf(g.people, measure), suppress)),
    },
  };
}
