/**
 * The referral funnel and its companions, counted in SQL over one cohort:
 * the referrals made in the period (within a scope), followed to today.
 *
 * The funnel's stages are "ever reached", not "is now": a referral that was
 * accepted and later withdrawn still counts as accepted. Each stage is read
 * from the referral_events trail (every status change writes one) and the
 * current status; "attended" uses the bookings module's effective
 * attendance (the organiser's mark, else the person's own report). Those
 * three facts come from referral-facts.server.ts (kept by the worker).
 */
import { sql, type SQL } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { isFinalSql } from "~/modules/referrals/index.server";
import type { Period } from "./period";
import { factsOf } from "./referral-facts.server";

/** Rows from a raw query: postgres.js gives an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export type FunnelGroup = "all" | "category" | "referrer_user" | "referrer_org" | "activity" | "town";

const groupKey: Record<FunnelGroup, string> = {
  all: "'all'",
  category: "category",
  referrer_user: "coalesce(referrer_user_id::text, 'self')",
  referrer_org: "coalesce(referrer_organisation_id::text, 'self')",
  activity: "activity_id::text",
  town: "coalesce(town, 'online')",
};

export interface FunnelCounts {
  key: string;
  referred: number;
  accepted: number;
  booked: number;
  attended: number;
  completed: number;
  declined: number;
  open: number;
  stalled: number;
  stalledNoShows: number;
  stalledNoBooking: number;
  /** Median days from referral to the first session attended (of those who attended). */
  medianDaysToAttend: number | null;
}

/** The cohort: referrals made in the period that the scope's condition (over r and a) allows. */
function cohort(period: Period, where: SQL): SQL {
  return sql`
    SELECT r.id, r.status, r.created_at, r.stalled_at, r.stalled_reason, r.decline_reason_kind, r.reasons,
           r.referrer_user_id, r.referrer_organisation_id, a.category, a.id AS activity_id, a.town,
           ${factsOf.accepted} AS accepted, ${factsOf.booked} AS booked, ${factsOf.firstAttendedAt} AS first_attended_at
    FROM referrals r JOIN activities a ON a.id = r.activity_id
      LEFT JOIN report_referral_facts f ON f.referral_id = r.id
    WHERE r.created_at >= ${period.start.toISOString()}::timestamptz AND r.created_at < ${period.end.toISOString()}::timestamptz AND (${where})`;
}

export async function funnelBy(period: Period, where: SQL, group: FunnelGroup): Promise<FunnelCounts[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`
    WITH base AS (${cohort(period, where)})
    SELECT ${sql.raw(groupKey[group])} AS key,
      ${funnelColumns(sql`first_attended_at`)},
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_attended_at - created_at) / 86400.0)
        FILTER (WHERE first_attended_at IS NOT NULL) AS median_days
    FROM base GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rowsOf<Record<string, unknown>>(result).map((r) => funnelCountsOf(r, r.median_days));
}

/**
 * The funnel's counts over rows of report facts (columns accepted, booked,
 * status, stalled_at, stalled_reason), as both the live count and the kept
 * days compute them; `attended` is the column that is set once someone came.
 */
export function funnelColumns(attended: SQL): SQL {
  return sql`count(*)::int AS referred,
      count(*) FILTER (WHERE accepted)::int AS accepted,
      count(*) FILTER (WHERE booked)::int AS booked,
      count(${attended})::int AS attended,
      count(*) FILTER (WHERE status = 'completed')::int AS completed,
      count(*) FILTER (WHERE status = 'declined')::int AS declined,
      count(*) FILTER (WHERE NOT ${isFinalSql(sql.raw("status"))})::int AS open,
      count(*) FILTER (WHERE stalled_at IS NOT NULL)::int AS stalled,
      count(*) FILTER (WHERE stalled_at IS NOT NULL AND stalled_reason = 'two_no_shows')::int AS stalled_no_shows,
      count(*) FILTER (WHERE stalled_at IS NOT NULL AND stalled_reason = 'no_booking')::int AS stalled_no_booking`;
}

/** Reads one row of funnelColumns (summed or not) back as counts. */
export function funnelCountsOf(r: Record<string, unknown>, median: unknown): FunnelCounts {
  return {
    key: String(r.key),
    referred: Number(r.referred),
    accepted: Number(r.accepted),
    booked: Number(r.booked),
    attended: Number(r.attended),
    completed: Number(r.completed),
    declined: Number(r.declined),
    open: Number(r.open),
    stalled: Number(r.stalled),
    stalledNoShows: Number(r.stalled_no_shows),
    stalledNoBooking: Number(r.stalled_no_booking),
    medianDaysToAttend: median === null || median === undefined ? null : Number(median),
  };
}

export const emptyFunnel = (key = "all"): FunnelCounts => ({
  key,
  referred: 0,
  accepted: 0,
  booked: 0,
  attended: 0,
  completed: 0,
  declined: 0,
  open: 0,
  stalled: 0,
  stalledNoShows: 0,
  stalledNoBooking: 0,
  medianDaysToAttend: null,
});

export async function declinesByKind(period: Period, where: SQL): Promise<{ kind: string; count: number }[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`
    WITH base AS (${cohort(period, where)})
    SELECT coalesce(decline_reason_kind, 'other') AS kind, count(*)::int AS n FROM base WHERE status = 'declined' GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rowsOf<{ kind: string; n: number }>(result).map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

export async function referralsByReason(period: Period, where: SQL): Promise<{ reason: string; count: number }[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`
    WITH base AS (${cohort(period, where)})
    SELECT reason, count(*)::int AS n FROM base, unnest(base.reasons) AS reason GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rowsOf<{ reason: string; n: number }>(result).map((r) => ({ reason: r.reason, count: Number(r.n) }));
}

/** Referrals made, and of those how many went at least once, per week or month of the period. */
export async function referralsOverTime(period: Period, where: SQL): Promise<{ bucket: string; referred: number; attended: number }[]> {
  const db = await getReadDb();
  const result = await db.execute(sql`
    WITH base AS (${cohort(period, where)})
    SELECT to_char(date_trunc(${period.bucket}, created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS bucket,
      count(*)::int AS referred, count(first_attended_at)::int AS attended
    FROM base GROUP BY 1 ORDER BY 1`);
  return rowsOf<{ bucket: string; referred: number; attended: number }>(result).map((r) => ({ bucket: r.bucket, referred: Number(r.referred), attended: Number(r.attended) }));
}
