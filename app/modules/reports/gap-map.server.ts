/**
 * The gap map: where people looked for something and found little, and where
 * activities had to turn people away because they were full — counted by
 * ~1 km cell and kind of activity, over the activities listed today. For
 * commissioners and admins only, and never about a person: the search log
 * keeps no one's identity, a declined referral contributes only its
 * activity's cell, and every count from 1 to 4 shows as "< 5".
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client";
import { nearestPlaceName } from "~/modules/places/index.server";
import { withoutJit } from "./analytic-query.server";
import { keptUnmetCellsSql, searchDaysSplit } from "./search-days.server";
import { cellOf, FEW_RESULTS, type GapCellRef, type GapPoint, NEARBY_KM, type SupplyPoint } from "./gap-cells";
import { resolvePeriod, type Period, type ReportQuery } from "./period";
import { rowsOf } from "./referral-figures.server";
import { categoryNames } from "./referrer-dashboard.server";
import type { ReportTable } from "./report-table";
import { areaScope, type AreaScope, type ReportViewer } from "./scope.server";
import { countCell, type Cell } from "./small-numbers";

/** The table's length; the map shows more cells. */
const TOP_CELLS = 20;
const MAP_CELLS = 500;
const S = true;

export interface GapMap {
  scope: AreaScope;
  period: Period;
  /** When the kept search days were last brought up to date (the page says so); null when all was counted as the page opened. */
  asOf: Date | null;
  points: GapPoint[];
  supply: SupplyPoint[];
  tables: { cells: ReportTable; byCategory: ReportTable };
}

export interface GapEvidence {
  scope: AreaScope;
  period: Period;
  cell: GapCellRef;
  place: string;
  total: Cell;
  tables: { months: ReportTable; asked: ReportTable; nearest: ReportTable };
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Every unmet event in the period, one row each with its cell and kind
 * (a search for two kinds is demand for both): the SQL form of "unmet",
 * whose parameters live in gap-cells.ts.
 */
function unmetEvents(period: Period, scope: AreaScope, extra: SQL = sql`true`, searchesFrom: Date = period.start): SQL {
  return sql`(
    SELECT round(l.lat::numeric, 2)::float8 AS lat, round(l.lng::numeric, 2)::float8 AS lng,
      coalesce(c.category, 'any') AS category, 'search' AS kind, l.at AS at
    FROM search_log l LEFT JOIN LATERAL unnest(l.categories) AS c(category) ON true
    WHERE l.lat IS NOT NULL AND l.lng IS NOT NULL AND l.result_count < ${FEW_RESULTS}
      AND l.at >= ${at(searchesFrom > period.start ? searchesFrom : period.start)} AND l.at < ${at(period.end)}
      AND (${scope.category}::text IS NULL OR c.category = ${scope.category})
    UNION ALL
    SELECT round(a.lat::numeric, 2)::float8, round(a.lng::numeric, 2)::float8, a.category, 'full', r.status_changed_at
    FROM referrals r JOIN activities a ON a.id = r.activity_id
    WHERE r.status = 'declined' AND r.decline_reason_kind = 'full' AND a.lat IS NOT NULL AND a.lng IS NOT NULL
      AND r.status_changed_at >= ${at(period.start)} AND r.status_changed_at < ${at(period.end)}
      AND (${scope.category}::text IS NULL OR a.category = ${scope.category})
  ) e WHERE ${extra}`;
}

interface CellRow {
  lat: number;
  lng: number;
  category: string;
  searches: number;
  full: number;
}

/** Unmet demand per cell and kind: searches from the kept days and the log since, declines as full counted live (they are few). */
async function unmetCells(period: Period, scope: AreaScope): Promise<{ cells: CellRow[]; asOf: Date | null }> {
  const db = await getDb();
  const split = await searchDaysSplit(db, period);
  const result = await withoutJit(db, sql`
    SELECT lat, lng, category, sum(searches)::int AS searches, sum(turned_away)::int AS full FROM (
      SELECT lat, lng, category, searches, 0 AS turned_away FROM (${keptUnmetCellsSql(period, split, scope.category)}) k
      UNION ALL
      SELECT lat, lng, category, (kind = 'search')::int, (kind = 'full')::int FROM ${unmetEvents(period, scope, sql`true`, new Date(`${split.keptEnd}T00:00:00Z`))}
    ) u
    GROUP BY 1, 2, 3 ORDER BY sum(searches) + sum(turned_away) DESC, 3, 1, 2 LIMIT ${MAP_CELLS}`);
  const cells = rowsOf<CellRow>(result).map((r) => ({ lat: Number(r.lat), lng: Number(r.lng), category: r.category, searches: Number(r.searches), full: Number(r.full) }));
  return { cells, asOf: split.state?.ranAt ?? null };
}

/** Listed activities of a kind ('any': all kinds) near a point: how many within NEARBY_KM, and the nearest. */
const nearbySupply = (lat: SQL, lng: SQL, category: SQL) => sql`
  SELECT count(*) FILTER (WHERE d.km <= ${NEARBY_KM})::int AS within, min(d.km) AS nearest_km
  FROM (SELECT earth_distance(ll_to_earth(${lat}, ${lng}), ll_to_earth(a.lat, a.lng)) / 1000 AS km
        FROM activities a
        WHERE a.status = 'published' AND a.lat IS NOT NULL AND a.lng IS NOT NULL AND (${category} = 'any' OR a.category = ${category})) d`;

async function supplyNear(cells: { lat: number; lng: number; category: string }[]): Promise<{ within: number; nearestKm: number | null }[]> {
  if (cells.length === 0) return [];
  const db = await getDb();
  const values = sql.join(
    cells.map((c, i) => sql`(${i}::int, ${c.lat}::float8, ${c.lng}::float8, ${c.category}::text)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    SELECT v.i, s.within, s.nearest_km
    FROM (VALUES ${values}) AS v(i, lat, lng, category)
    CROSS JOIN LATERAL (${nearbySupply(sql`v.lat`, sql`v.lng`, sql`v.category`)}) s
    ORDER BY v.i`);
  return rowsOf<{ within: number; nearest_km: number | null }>(result).map((r) => ({ within: Number(r.within), nearestKm: r.nearest_km === null ? null : Number(r.nearest_km) }));
}

async function supplyLayer(scope: AreaScope): Promise<SupplyPoint[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    SELECT round(a.lat::numeric, 2)::float8 AS lat, round(a.lng::numeric, 2)::float8 AS lng, count(*)::int AS activities
    FROM activities a
    WHERE a.status = 'published' AND a.lat IS NOT NULL AND a.lng IS NOT NULL
      AND (${scope.category}::text IS NULL OR a.category = ${scope.category})
    GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 2000`);
  return rowsOf<SupplyPoint>(result).map((r) => ({ lat: Number(r.lat), lng: Number(r.lng), activities: Number(r.activities) }));
}

/** The cell's nearest postcode district where the places module knows one ("near LS6"), else its nearest town. */
export function placeName(lat: number, lng: number): string {
  return nearestPlaceName({ lat, lng });
}

const kindName = (name: (slug: string) => string) => (slug: string) => (slug === "any" ? "Any kind" : name(slug));

function supplyText(s: { within: number; nearestKm: number | null }): string {
  if (s.within > 0) return `${s.within} within ${NEARBY_KM} km`;
  if (s.nearestKm === null) return "none listed anywhere";
  return `nothing within ${NEARBY_KM} km (nearest ${s.nearestKm < 10 ? s.nearestKm.toFixed(1) : Math.round(s.nearestKm)} km)`;
}

const plural = (cell: Cell, one: string, many: string) => `${cell.text} ${cell.value === 1 ? one : many}`;

export async function gapMap(viewer: ReportViewer, query: ReportQuery, now: Date): Promise<GapMap | null> {
  // Searches keep no town, so the map is filtered by kind only.
  const scope = areaScope(viewer, { category: query.category });
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const [{ cells, asOf }, supply, nameOf] = await Promise.all([unmetCells(period, scope), supplyLayer(scope), categoryNames()]);
  const name = kindName(nameOf);
  const top = cells.slice(0, TOP_CELLS);
  const near = await supplyNear(top);
  const points: GapPoint[] = cells.map((c, i) => {
    const total = countCell(c.searches + c.full, S);
    const label = `${name(c.category)}, near ${placeName(c.lat, c.lng)}`;
    const parts = [c.searches ? plural(countCell(c.searches, S), "search that found little", "searches that found little") : null, c.full ? plural(countCell(c.full, S), "referral turned away as full", "referrals turned away as full") : null].filter(Boolean);
    const summary = `${label}: ${parts.join(", ")}${near[i] ? `; ${supplyText(near[i])}` : ""}.`;
    return { cell: cellOf(c.lat, c.lng), lat: c.lat, lng: c.lng, label, total, summary };
  });
  const byCategory = new Map<string, { searches: number; full: number }>();
  for (const c of cells) {
    const t = byCategory.get(c.category) ?? { searches: 0, full: 0 };
    byCategory.set(c.category, { searches: t.searches + c.searches, full: t.full + c.full });
  }
  return {
    scope,
    period,
    asOf,
    points,
    supply,
    tables: {
      cells: {
        id: "cells",
        title: "Where demand went unmet",
        columns: ["Kind of activity and place", "Searches that found little", "Turned away as full", "All unmet", `Listed within ${NEARBY_KM} km now`],
        rows: top.map((c, i) => ({
          label: points[i].label,
          cells: [countCell(c.searches, S), countCell(c.full, S), points[i].total, { value: near[i].within, text: supplyText(near[i]) }],
        })),
      },
      byCategory: {
        id: "by-category",
        title: "Unmet demand by kind of activity",
        columns: ["Kind of activity", "All unmet", "Searches that found little", "Turned away as full"],
        rows: [...byCategory.entries()]
          .sort((a, b) => b[1].searches + b[1].full - (a[1].searches + a[1].full) || a[0].localeCompare(b[0]))
          .map(([k, t]) => ({ label: name(k), cells: [countCell(t.searches + t.full, S), countCell(t.searches, S), countCell(t.full, S)] })),
      },
    },
  };
}

const monthName = (iso: string) => new Date(`${iso}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * What a funder asks about one cell: how the unmet demand ran month by month,
 * which kinds were asked for, and what is listed nearest today. No people:
 * counts (suppressed) and public listings only.
 */
export async function gapEvidence(viewer: ReportViewer, query: ReportQuery, cell: GapCellRef, now: Date): Promise<GapEvidence | null> {
  // Searches keep no town, so the map is filtered by kind only.
  const scope = areaScope(viewer, { category: query.category });
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const inCell = sql`e.lat = ${cell.lat}::float8 AND e.lng = ${cell.lng}::float8`;
  const db = await getDb();
  const [monthsResult, askedResult, name] = await Promise.all([
    db.execute(sql`
      SELECT to_char(date_trunc('month', e.at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
        count(*) FILTER (WHERE kind = 'search')::int AS searches, count(*) FILTER (WHERE kind = 'full')::int AS full
      FROM ${unmetEvents(period, scope, inCell)} GROUP BY 1 ORDER BY 1`),
    db.execute(sql`
      SELECT category, count(*) FILTER (WHERE kind = 'search')::int AS searches, count(*) FILTER (WHERE kind = 'full')::int AS full
      FROM ${unmetEvents(period, scope, inCell)} GROUP BY 1 ORDER BY count(*) DESC, 1`),
    categoryNames(),
  ]);
  const months = rowsOf<{ month: string; searches: number; full: number }>(monthsResult);
  const asked = rowsOf<{ category: string; searches: number; full: number }>(askedResult).map((r) => ({ ...r, searches: Number(r.searches), full: Number(r.full) }));
  const kinds = kindName(name);
  const nearest = await db.execute(sql`
    SELECT a.id, a.title, a.category, coalesce(a.town, '') AS town, earth_distance(ll_to_earth(${cell.lat}::float8, ${cell.lng}::float8), ll_to_earth(a.lat, a.lng)) / 1000 AS km
    FROM activities a
    WHERE a.status = 'published' AND a.lat IS NOT NULL AND a.lng IS NOT NULL
      AND (${scope.category}::text IS NOT NULL AND a.category = ${scope.category}
        OR ${scope.category}::text IS NULL AND a.category IN (${sql.join((asked.length ? asked.map((a) => a.category) : ["-"]).map((c) => sql`${c}`), sql`, `)}))
    ORDER BY km, a.title LIMIT 10`);
  const total = asked.reduce((n, r) => n + r.searches + r.full, 0);
  return {
    scope,
    period,
    cell,
    place: placeName(cell.lat, cell.lng),
    total: countCell(total, S),
    tables: {
      months: {
        id: "months",
        title: "Unmet demand month by month",
        columns: ["Month", "Searches that found little", "Turned away as full"],
        rows: months.map((m) => ({ label: monthName(m.month), cells: [countCell(Number(m.searches), S), countCell(Number(m.full), S)] })),
      },
      asked: {
        id: "asked",
        title: "What people asked for here",
        columns: ["Kind of activity", "Searches that found little", "Turned away as full"],
        rows: asked.map((r) => ({ label: kinds(r.category), cells: [countCell(r.searches, S), countCell(r.full, S)] })),
      },
      nearest: {
        id: "nearest",
        title: "Nearest listed activities of those kinds",
        columns: ["Activity", "Kind", "Town", "Distance"],
        rows: rowsOf<{ title: string; category: string; town: string; km: number }>(nearest).map((a) => ({
          label: a.title,
          cells: [{ value: null, text: kinds(a.category) }, { value: null, text: a.town || "–" }, { value: Number(a.km), text: `${Number(a.km).toFixed(1)} km` }],
        })),
      },
    },
  };
}
