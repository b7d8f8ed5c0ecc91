/**
 * The area's figures for commissioners and admins: supply (activities and
 * their sessions), demand (referrals, reasons, searches), conversion and
 * attendance by kind of activity and by referring organisation, pressure on
 * places, and the trend. Every count about people is suppressed below 5.
 * Supply (how many activities and sessions exist) is about organisations'
 * public listings, not people, so it is shown as it is.
 */
import { sql, type SQL } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { referralReasons } from "~/modules/referrals";
import { breakdownTable, funnelTable, medianCell, stalledTable } from "./funnel-tables";
import { resolvePeriod, type Period, type ReportQuery } from "./period";
import { funnelBy, rowsOf, type FunnelCounts } from "./referral-figures.server";
import { areaReferralFigures } from "./referral-days.server";
import { withoutJit } from "./analytic-query.server";
import { searchDaysSplit, searchesByCategorySql } from "./search-days.server";

/** The page states the older of two kept tables' times; null only when neither was read. */
const oldest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
import { categoryNames, declinesTable } from "./referrer-dashboard.server";
import type { ReportTable } from "./report-table";
import { areaScope, type AreaScope, type ReportViewer } from "./scope.server";
import { countCell, rateCell, type Cell } from "./small-numbers";
import { trendTable } from "./trend";

export interface AreaDashboard {
  scope: AreaScope;
  period: Period;
  total: FunnelCounts;
  medianDays: Cell;
  towns: string[];
  /** When the kept figures were last brought up to date (the page says so); null when all were counted as the page opened. */
  asOf: Date | null;
  tables: {
    funnel: ReportTable;
    supplyByCategory: ReportTable;
    supplyByTown: ReportTable;
    reasons: ReportTable;
    searches: ReportTable;
    byCategory: ReportTable;
    byReferrer: ReportTable;
    pressure: ReportTable;
    declines: ReportTable;
    stalled: ReportTable;
    trend: ReportTable;
  };
}

/** The area filter over activities (alias a). */
export function areaCondition(scope: AreaScope): SQL {
  return sql`(${scope.town}::text IS NULL OR a.town = ${scope.town}) AND (${scope.category}::text IS NULL OR a.category = ${scope.category})`;
}

export async function listTowns(): Promise<string[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`SELECT DISTINCT town FROM activities WHERE status = 'published' AND town IS NOT NULL ORDER BY town`);
  return rowsOf<{ town: string }>(result).map((r) => r.town);
}

const weeksIn = (period: Period) => (period.end.getTime() - period.start.getTime()) / (7 * 86_400_000);
const perWeek = (sessions: number, period: Period): Cell => {
  const v = sessions / weeksIn(period);
  return { value: v, text: v.toFixed(v < 10 ? 1 : 0) };
};

async function supply(period: Period, where: SQL, group: "category" | "town") {
  const db = await getReadDb();
  const key = sql.raw(group === "category" ? "a.category" : "coalesce(a.town, 'Online')");
  const result = await db.execute(sql`
    SELECT ${key} AS key, count(DISTINCT a.id)::int AS activities, count(s.id)::int AS sessions
    FROM activities a
    LEFT JOIN sessions s ON s.activity_id = a.id AND s.status = 'scheduled'
      AND s.starts_at >= ${period.start.toISOString()}::timestamptz AND s.starts_at < ${period.end.toISOString()}::timestamptz
    WHERE a.status = 'published' AND ${where}
    GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rowsOf<{ key: string; activities: number; sessions: number }>(result).map((r) => ({ key: r.key, activities: Number(r.activities), sessions: Number(r.sessions) }));
}

async function searchesByCategory(period: Period, scope: AreaScope) {
  const db = await getReadDb();
  const split = await searchDaysSplit(db, period);
  const result = await withoutJit(db, searchesByCategorySql(period, split, scope.category));
  const rows = rowsOf<{ key: string; searches: number; found_nothing: number }>(result).map((r) => ({ key: r.key, searches: Number(r.searches), foundNothing: Number(r.found_nothing) }));
  return { rows, asOf: split.state?.ranAt ?? null };
}

async function pressureByCategory(period: Period, scope: AreaScope, now: Date) {
  const where = areaCondition(scope);
  const db = await getReadDb();
  const until = new Date(Math.min(period.end.getTime(), now.getTime()));
  const result = await db.execute(sql`
    SELECT a.category AS key,
      count(*) FILTER (WHERE s.starts_at < ${until.toISOString()}::timestamptz)::int AS held,
      count(*) FILTER (WHERE s.starts_at < ${until.toISOString()}::timestamptz AND s.booked_count >= s.capacity)::int AS full,
      (SELECT count(*)::int FROM bookings b JOIN sessions s2 ON s2.id = b.session_id JOIN activities a2 ON a2.id = s2.activity_id
        WHERE b.status IN ('waitlisted', 'offered') AND s2.starts_at > ${now.toISOString()}::timestamptz AND a2.category = a.category
          AND (${scope.town}::text IS NULL OR a2.town = ${scope.town})) AS waiting
    FROM sessions s JOIN activities a ON a.id = s.activity_id
    WHERE s.status = 'scheduled' AND s.starts_at >= ${period.start.toISOString()}::timestamptz AND s.starts_at < ${period.end.toISOString()}::timestamptz AND ${where}
    GROUP BY 1 ORDER BY 3 DESC, 1`);
  return rowsOf<{ key: string; held: number; full: number; waiting: number }>(result).map((r) => ({ key: r.key, held: Number(r.held), full: Number(r.full), waiting: Number(r.waiting) }));
}

async function organisationNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await getReadDb();
  const result = await db.execute(sql`SELECT id::text AS id, name FROM organisations WHERE id::text IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  return new Map(rowsOf<{ id: string; name: string }>(result).map((r) => [r.id, r.name]));
}

export async function areaDashboard(viewer: ReportViewer, query: ReportQuery, now: Date): Promise<AreaDashboard | null> {
  const scope = areaScope(viewer, query);
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const where = areaCondition(scope);
  const [figures, supplyCat, supplyTown, searched, pressure, nameOfCategory, towns] = await Promise.all([
    areaReferralFigures(period, scope),
    supply(period, where, "category"),
    supply(period, where, "town"),
    searchesByCategory(period, scope),
    pressureByCategory(period, scope, now),
    categoryNames(),
    listTowns(),
  ]);
  const { total, byCategory, reasons, declines, trend } = figures;
  const searches = searched.rows;
  // Organisations' rows are kept for the whole area only; within a town or kind they are counted live.
  const byOrg = figures.byReferrerOrg ?? (await funnelBy(period, where, "referrer_org"));
  const orgNames = await organisationNames(byOrg.map((r) => r.key).filter((k) => k !== "self"));
  const S = true;
  return {
    scope,
    period,
    total,
    medianDays: medianCell(total, S),
    towns,
    asOf: oldest(figures.asOf, searched.asOf),
    tables: {
      funnel: funnelTable(total, S),
      supplyByCategory: {
        id: "supply-by-category",
        title: "Activities and sessions by kind",
        columns: ["Kind of activity", "Activities listed", "Sessions a week"],
        rows: supplyCat.map((r) => ({ label: nameOfCategory(r.key), cells: [countCell(r.activities, false), perWeek(r.sessions, period)] })),
      },
      supplyByTown: {
        id: "supply-by-town",
        title: "Activities and sessions by town",
        columns: ["Town", "Activities listed", "Sessions a week"],
        rows: supplyTown.map((r) => ({ label: r.key, cells: [countCell(r.activities, false), perWeek(r.sessions, period)] })),
      },
      reasons: {
        id: "reasons",
        title: "What referrals were for",
        columns: ["What matters to the person", "Referrals"],
        rows: reasons.map((r) => ({ label: referralReasons[r.reason as keyof typeof referralReasons] ?? r.reason, cells: [countCell(r.count, S)] })),
      },
      searches: {
        id: "searches",
        title: "What people searched for",
        columns: ["Kind of activity", "Searches", "Found nothing", "Share that found nothing"],
        rows: searches.map((r) => ({
          label: r.key === "any" ? "Any kind (no kind chosen)" : nameOfCategory(r.key),
          cells: [countCell(r.searches, S), countCell(r.foundNothing, S), rateCell(r.foundNothing, r.searches, S)],
        })),
      },
      byCategory: breakdownTable("by-category", "Conversion and attendance by kind of activity", "Kind of activity", byCategory, nameOfCategory, S),
      byReferrer: breakdownTable("by-referrer", "Conversion and attendance by referring organisation", "Referred by", byOrg, (k) => (k === "self" ? "Asked for a place themselves" : (orgNames.get(k) ?? "A closed organisation")), S),
      pressure: {
        id: "pressure",
        title: "Pressure on places",
        columns: ["Kind of activity", "Sessions held", "Sessions full", "Share full", "On a waitlist now"],
        rows: pressure.map((r) => ({
          label: nameOfCategory(r.key),
          cells: [countCell(r.held, false), countCell(r.full, false), rateCell(r.full, r.held, false), countCell(r.waiting, S)],
        })),
      },
      declines: declinesTable(declines, S),
      stalled: stalledTable(total, S),
      trend: trendTable(period, trend, S),
    },
  };
}
