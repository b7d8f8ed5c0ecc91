/**
 * The search log added up per day, kept by the worker beside the referral
 * days (decision 074): searches per kind for the area dashboard, and located
 * searches that found little per ~1 km cell and kind for the gap map. The
 * log only grows, and each search is logged as it happens, so a run adds
 * the days finished since the last one; once a day everything is added up
 * again (for rows pruned or written with an older date). Days not kept yet
 * (today, or all before the first run) are counted live from the log.
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { FEW_RESULTS } from "./gap-cells";
import { isoDay, readState, REBUILD_MS, writeState, type RollupState } from "./referral-days.server";
import type { Period } from "./period";

const STATE = "search-days";

const utc = (day: string) => sql`${day}::date::timestamp AT TIME ZONE 'UTC'`;
/** Searches of the log `l` in [from, to) (days), one row per kind asked for. */
const searchesIn = (from: string | null, to: string) =>
  sql`search_log l LEFT JOIN LATERAL unnest(l.categories) AS c(category) ON true
    WHERE ${from === null ? sql`true` : sql`l.at >= ${utc(from)}`} AND l.at < ${utc(to)}`;

/** Brings the kept search days up to date; returns how many rows it wrote. */
export async function refreshSearchDays(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const coveredUntil = isoDay(now);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const state = await readState(tx, STATE);
    const rebuild = !state || now.getTime() - state.rebuiltAt.getTime() >= REBUILD_MS;
    const from = rebuild ? null : state.coveredUntil;
    if (from === null) {
      await tx.execute(sql`DELETE FROM report_search_days`);
      await tx.execute(sql`DELETE FROM report_unmet_search_cells`);
    } else {
      await tx.execute(sql`DELETE FROM report_search_days WHERE day >= ${from}::date`);
      await tx.execute(sql`DELETE FROM report_unmet_search_cells WHERE day >= ${from}::date`);
    }
    const day = sql.raw(`(l.at AT TIME ZONE 'UTC')::date`);
    const a = await tx.execute(sql`
      INSERT INTO report_search_days (day, category, searches, found_nothing)
      SELECT ${day}, coalesce(c.category, 'any'), count(*)::int, count(*) FILTER (WHERE l.result_count = 0)::int
      FROM ${searchesIn(from, coveredUntil)} GROUP BY 1, 2`);
    const b = await tx.execute(sql`
      INSERT INTO report_unmet_search_cells (day, lat, lng, category, searches)
      SELECT ${day}, round(l.lat::numeric, 2)::float8, round(l.lng::numeric, 2)::float8, coalesce(c.category, 'any'), count(*)::int
      FROM ${searchesIn(from, coveredUntil)} AND l.lat IS NOT NULL AND l.lng IS NOT NULL AND l.result_count < ${FEW_RESULTS}
      GROUP BY 1, 2, 3, 4`);
    await writeState(tx, STATE, coveredUntil, now, rebuild);
    const n = (r: unknown) => Number((r as { count?: number }).count ?? (r as { affectedRows?: number }).affectedRows ?? 0);
    return n(a) + n(b);
  });
}

export interface SearchDaysSplit {
  /** Kept days are [start, keptEnd); the log is read live from keptEnd. */
  keptEnd: string;
  state: RollupState | null;
}

/** Which part of the period the kept search days cover. */
export async function searchDaysSplit(db: Executor, period: Period): Promise<SearchDaysSplit> {
  const state = await readState(db, STATE);
  const start = isoDay(period.start);
  const end = isoDay(period.end);
  const covered = state ? (state.coveredUntil < end ? state.coveredUntil : end) : start;
  return { keptEnd: covered > start ? covered : start, state: state && covered > start ? state : null };
}

/** Searches and those that found nothing, per kind (or 'any'), in the period: kept days, then the log live. */
export function searchesByCategorySql(period: Period, split: SearchDaysSplit, category: string | null): SQL {
  const start = isoDay(period.start);
  const end = isoDay(period.end);
  return sql`
    SELECT key, sum(searches)::int AS searches, sum(found_nothing)::int AS found_nothing FROM (
      SELECT category AS key, searches, found_nothing FROM report_search_days
      WHERE day >= ${start}::date AND day < ${split.keptEnd}::date AND (${category}::text IS NULL OR category = ${category})
      UNION ALL
      SELECT coalesce(c.category, 'any'), 1, (l.result_count = 0)::int
      FROM ${searchesIn(split.keptEnd, end)} AND (${category}::text IS NULL OR c.category = ${category})
    ) x
    GROUP BY 1 ORDER BY 2 DESC, 1`;
}

/** Kept unmet searches per cell and kind in [start, keptEnd), as rows of (lat, lng, category, searches). */
export function keptUnmetCellsSql(period: Period, split: SearchDaysSplit, category: string | null): SQL {
  return sql`
    SELECT lat, lng, category, searches FROM report_unmet_search_cells
    WHERE day >= ${isoDay(period.start)}::date AND day < ${split.keptEnd}::date AND (${category}::text IS NULL OR category = ${category})`;
}
