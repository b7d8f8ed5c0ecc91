/**
 * The area dashboard's referral figures, added up per day of referral and
 * kept by the worker in report_referral_days (decision 074). Counting the
 * whole area's cohort live took seconds at 100,000 referrals
 * (npm run bench:reports); a year of days is a few thousand small rows.
 *
 * One SQL form (dayRows) makes the rows, both for the table and for the days
 * the table does not cover yet (today, or everything before the first run),
 * which are counted live, so a new referral shows at once. A referral made on
 * a covered day that changes afterwards shows at the next run: the page says
 * when that was.
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb, getReadDb, type Executor } from "#db/client";
import type { Period } from "./period";
import { emptyFunnel, funnelColumns, funnelCountsOf, rowsOf, type FunnelCounts } from "./referral-figures.server";
import { factsOf } from "./referral-facts.server";
import type { AreaScope } from "./scope.server";

const STATE = "referral-days";
/** A change stamped just before a run started may commit during it: such changes are looked at again next time. */
const OVERLAP_MS = 2 * 60_000;
/** Once a day everything is added up again, for what no timestamp tells (a referral deleted, a category renamed). */
export const REBUILD_MS = 24 * 60 * 60_000;

const dayOf = sql.raw(`(r.created_at AT TIME ZONE 'UTC')::date`);

/**
 * The rows for the referrals the condition (over r, a) picks: per day, town
 * and kind (referrer_org '*'), and per day and referring organisation
 * (town and category '*').
 */
function dayRows(condition: SQL): SQL {
  return sql`
    WITH base AS (
      SELECT ${dayOf} AS day, coalesce(a.town, '') AS town, a.category,
        coalesce(r.referrer_organisation_id::text, 'self') AS referrer_org,
        r.status, r.stalled_at, r.stalled_reason, coalesce(r.decline_reason_kind, 'other') AS decline_kind, r.reasons,
        ${factsOf.accepted} AS accepted, ${factsOf.booked} AS booked,
        extract(epoch FROM ${factsOf.firstAttendedAt} - r.created_at) / 86400.0 AS days_to_attend
      FROM referrals r JOIN activities a ON a.id = r.activity_id
        LEFT JOIN report_referral_facts f ON f.referral_id = r.id
      WHERE ${condition}
    ),
    counted AS (
      SELECT day, town, category, referrer_org,
        ${funnelColumns(sql`days_to_attend`)},
        coalesce(array_agg(days_to_attend::float8 ORDER BY days_to_attend) FILTER (WHERE days_to_attend IS NOT NULL), '{}') AS days_to_attend
      FROM base GROUP BY GROUPING SETS ((day, town, category), (day, referrer_org))
    ),
    reasons AS (
      SELECT day, town, category, jsonb_object_agg(reason, n) AS reasons
      FROM (SELECT day, town, category, reason, count(*)::int AS n FROM base, unnest(base.reasons) AS reason GROUP BY 1, 2, 3, 4) x
      GROUP BY 1, 2, 3
    ),
    declines AS (
      SELECT day, town, category, jsonb_object_agg(decline_kind, n) AS declines
      FROM (SELECT day, town, category, decline_kind, count(*)::int AS n FROM base WHERE status = 'declined' GROUP BY 1, 2, 3, 4) x
      GROUP BY 1, 2, 3
    )
    SELECT c.day, coalesce(c.town, '*') AS town, coalesce(c.category, '*') AS category, coalesce(c.referrer_org, '*') AS referrer_org,
      c.referred, c.accepted, c.booked, c.attended, c.completed, c.declined, c.open, c.stalled, c.stalled_no_shows, c.stalled_no_booking,
      c.days_to_attend, coalesce(rs.reasons, '{}'::jsonb) AS reasons, coalesce(ds.declines, '{}'::jsonb) AS declines
    FROM counted c
      LEFT JOIN reasons rs ON c.referrer_org IS NULL AND rs.day = c.day AND rs.town = c.town AND rs.category = c.category
      LEFT JOIN declines ds ON c.referrer_org IS NULL AND ds.day = c.day AND ds.town = c.town AND ds.category = c.category`;
}

const dayColumns = sql.raw(`day, town, category, referrer_org, referred, accepted, booked, attended, completed, declined, open,
  stalled, stalled_no_shows, stalled_no_booking, days_to_attend, reasons, declines`);

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface RollupState {
  coveredUntil: string;
  ranAt: Date;
}

/** How far a kept table ("referral-days", "search-days") reaches, or null before its first run. */
export async function readState(db: Executor, name = STATE): Promise<(RollupState & { rebuiltAt: Date }) | null> {
  const result = await db.execute(sql`SELECT covered_until::text AS covered_until, ran_at, rebuilt_at FROM report_rollup_state WHERE name = ${name}`);
  const row = rowsOf<{ covered_until: string; ran_at: string | Date; rebuilt_at: string | Date }>(result)[0];
  return row ? { coveredUntil: row.covered_until.slice(0, 10), ranAt: new Date(row.ran_at), rebuiltAt: new Date(row.rebuilt_at) } : null;
}

/**
 * Brings report_referral_days up to date: adds the days finished since the
 * last run and adds up again every day on which a referral (its status,
 * facts or activity) changed since then; once a day, everything. Run by the
 * worker right after the facts it reads. Returns how many days it wrote.
 */
export async function refreshReferralDays(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const coveredUntil = isoDay(now);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const state = await readState(tx);
    const rebuild = !state || now.getTime() - state.rebuiltAt.getTime() >= REBUILD_MS;
    const before = sql`r.created_at < ${coveredUntil}::date::timestamp AT TIME ZONE 'UTC'`;
    let days: SQL;
    if (rebuild) {
      await tx.execute(sql`DELETE FROM report_referral_days`);
      days = before;
    } else {
      const since = new Date(state.ranAt.getTime() - OVERLAP_MS).toISOString();
      const dirty = await tx.execute(sql`
        SELECT DISTINCT ${dayOf}::text AS day FROM referrals r JOIN activities a ON a.id = r.activity_id
          LEFT JOIN report_referral_facts f ON f.referral_id = r.id
        WHERE ${before} AND (r.created_at >= ${state.coveredUntil}::date::timestamp AT TIME ZONE 'UTC'
          OR greatest(r.updated_at, r.status_changed_at, r.stalled_at, f.refreshed_at, a.updated_at) >= ${since}::timestamptz)`);
      const list = rowsOf<{ day: string }>(dirty).map((d) => d.day.slice(0, 10));
      if (list.length === 0) days = sql`false`;
      else {
        const inList = sql.join(list.map((d) => sql`${d}::date`), sql`, `);
        await tx.execute(sql`DELETE FROM report_referral_days WHERE day IN (${inList})`);
        days = sql`${before} AND ${dayOf} IN (${inList})`;
      }
    }
    const written = await tx.execute(sql`INSERT INTO report_referral_days (${dayColumns}) SELECT ${dayColumns} FROM (${dayRows(days)}) d`);
    await writeState(tx, STATE, coveredUntil, now, rebuild);
    return Number((written as { count?: number; affectedRows?: number }).count ?? (written as { affectedRows?: number }).affectedRows ?? 0);
  });
}

export async function writeState(db: Executor, name: string, coveredUntil: string, now: Date, rebuilt: boolean): Promise<void> {
  const ranAt = now.toISOString();
  await db.execute(sql`
    INSERT INTO report_rollup_state (name, covered_until, ran_at, rebuilt_at) VALUES (${name}, ${coveredUntil}::date, ${ranAt}::timestamptz, ${ranAt}::timestamptz)
    ON CONFLICT (name) DO UPDATE SET covered_until = excluded.covered_until, ran_at = excluded.ran_at,
      rebuilt_at = CASE WHEN ${rebuilt}::boolean THEN excluded.rebuilt_at ELSE report_rollup_state.rebuilt_at END`);
}

export interface AreaReferralFigures {
  total: FunnelCounts;
  byCategory: FunnelCounts[];
  /** Null when a town or kind is chosen: per-organisation rows are not kept by town and kind, so the caller counts those live. */
  byReferrerOrg: FunnelCounts[] | null;
  reasons: { reason: string; count: number }[];
  declines: { kind: string; count: number }[];
  trend: { bucket: string; referred: number; attended: number }[];
  /** When the kept rows were last brought up to date; null when everything was counted live. */
  asOf: Date | null;
}

/**
 * The area's funnel, its breakdowns, reasons, declines and trend for
 * referrals made in the period within the area scope: the kept days, and
 * the days they do not cover counted live by the same SQL.
 */
export async function areaReferralFigures(period: Period, scope: AreaScope): Promise<AreaReferralFigures> {
  const db = await getReadDb();
  const state = await readState(db);
  const start = isoDay(period.start);
  const end = isoDay(period.end);
  const coveredUntil = state ? (state.coveredUntil < end ? state.coveredUntil : end) : start;
  const keptEnd = coveredUntil > start ? coveredUntil : start;
  const filtered = scope.town !== null || scope.category !== null;
  // Organisations' rows are kept for the whole area only (see the table's comment).
  const wanted = filtered ? sql`referrer_org = '*'` : sql`(referrer_org = '*' OR town = '*')`;
  const inArea = sql`(${scope.town}::text IS NULL OR town = ${scope.town}) AND (${scope.category}::text IS NULL OR category = ${scope.category})`;
  const live = keptEnd < end
    ? sql`UNION ALL SELECT ${dayColumns} FROM (${dayRows(sql`r.created_at >= ${keptEnd}::date::timestamp AT TIME ZONE 'UTC' AND r.created_at < ${end}::date::timestamp AT TIME ZONE 'UTC'
        AND (${scope.town}::text IS NULL OR a.town = ${scope.town}) AND (${scope.category}::text IS NULL OR a.category = ${scope.category})`)}) d WHERE ${wanted}`
    : sql``;
  const rows = sql`
    rows AS (
      SELECT ${dayColumns} FROM report_referral_days
      WHERE day >= ${start}::date AND day < ${keptEnd}::date AND ${wanted} AND (referrer_org <> '*' OR ${inArea})
      ${live}
    ),
    area AS (SELECT * FROM rows WHERE referrer_org = '*'),
    orgs AS (SELECT * FROM rows WHERE referrer_org <> '*')`;
  const sums = sql.raw(`sum(referred)::int AS referred, sum(accepted)::int AS accepted, sum(booked)::int AS booked, sum(attended)::int AS attended,
    sum(completed)::int AS completed, sum(declined)::int AS declined, sum(open)::int AS open, sum(stalled)::int AS stalled,
    sum(stalled_no_shows)::int AS stalled_no_shows, sum(stalled_no_booking)::int AS stalled_no_booking`);
  const median = sql.raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY d)`);
  const [groupsResult, mapsResult] = await Promise.all([
    db.execute(sql`
      WITH ${rows},
      groups AS (
        SELECT 'all' AS dim, 'all' AS key, ${sums} FROM area HAVING count(*) > 0
        UNION ALL SELECT 'category', category, ${sums} FROM area GROUP BY category
        UNION ALL SELECT 'org', referrer_org, ${sums} FROM orgs GROUP BY referrer_org
        UNION ALL SELECT 'trend', to_char(date_trunc(${period.bucket}, day::timestamp), 'YYYY-MM-DD'), ${sums} FROM area GROUP BY 2
      ),
      medians AS (
        SELECT 'all' AS dim, 'all' AS key, ${median} AS median FROM area, unnest(area.days_to_attend) d
        UNION ALL SELECT 'category', category, ${median} FROM area, unnest(area.days_to_attend) d GROUP BY category
        UNION ALL SELECT 'org', referrer_org, ${median} FROM orgs, unnest(orgs.days_to_attend) d GROUP BY referrer_org
      )
      SELECT g.*, m.median FROM groups g LEFT JOIN medians m ON m.dim = g.dim AND m.key = g.key
      ORDER BY g.dim, g.referred DESC, g.key`),
    db.execute(sql`
      WITH ${rows}
      SELECT 'reason' AS dim, e.key, sum(e.value::int)::int AS n FROM area, jsonb_each_text(area.reasons) e GROUP BY e.key
      UNION ALL SELECT 'decline', e.key, sum(e.value::int)::int FROM area, jsonb_each_text(area.declines) e GROUP BY e.key
      ORDER BY 1, 3 DESC, 2`),
  ]);
  const groups = rowsOf<Record<string, unknown>>(groupsResult).map((r) => ({
    dim: String(r.dim),
    counts: funnelCountsOf(r, r.median),
  }));
  const of = (dim: string) => groups.filter((g) => g.dim === dim).map((g) => g.counts);
  const maps = rowsOf<{ dim: string; key: string; n: number }>(mapsResult);
  return {
    total: of("all")[0] ?? emptyFunnel(),
    byCategory: of("category"),
    byReferrerOrg: filtered ? null : of("org"),
    reasons: maps.filter((m) => m.dim === "reason").map((m) => ({ reason: m.key, count: Number(m.n) })),
    declines: maps.filter((m) => m.dim === "decline").map((m) => ({ kind: m.key, count: Number(m.n) })),
    trend: of("trend")
      .map((t) => ({ bucket: t.key, referred: t.referred, attended: t.attended }))
      .sort((a, b) => (a.bucket < b.bucket ? -1 : 1)),
    asOf: state && coveredUntil > start ? state.ranAt : null,
  };
}
