/**
 * What an organisation runs, for its organisers: every activity with its
 * status, next session and places left (filterable, sortable, paged so a
 * council team with fifty activities can work), and this week's sessions.
 */
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client";
import { DASHBOARD_PAGE_SIZE, type DashboardQuery } from "./dashboard-query";
import type { ActivityStatus } from "./vocabulary";
import { addDays } from "~/utils/time";

export interface DashboardActivity {
  id: string;
  title: string;
  status: ActivityStatus;
  categoryName: string;
  timezone: string;
  updatedAt: Date;
  nextSession: { id: string; startsAt: Date; endsAt: Date; capacity: number; placesLeft: number } | null;
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

const orderBy = {
  // Activities with nothing coming up go last, then by title so pages are stable.
  next_session: sql`n.starts_at asc nulls last, a.title asc, a.id asc`,
  title: sql`a.title asc, a.id asc`,
  updated: sql`a.updated_at desc, a.id asc`,
};

export async function listOrganisationActivities(
  organisationId: string,
  query: DashboardQuery,
  now: Date,
): Promise<{ total: number; counts: Record<ActivityStatus, number>; activities: DashboardActivity[] }> {
  const db = await getDb();
  const statusFilter = query.status === "all" ? sql`` : sql`and a.status = ${query.status}`;
  const nowIso = now.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.title, a.status, a.timezone, a.updated_at, c.name as category_name,
               n.id as next_id, n.starts_at as next_starts_at, n.ends_at as next_ends_at,
               n.capacity as next_capacity, n.booked_count as next_booked
          from activities a
          join categories c on c.slug = a.category
          left join lateral (
            select s.id, s.starts_at, s.ends_at, s.capacity, s.booked_count
              from sessions s
             where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= ${nowIso}::timestamptz
             order by s.starts_at asc
             limit 1
          ) n on true
         where a.organisation_id = ${organisationId} ${statusFilter}
         order by ${orderBy[query.sort]}
         limit ${DASHBOARD_PAGE_SIZE} offset ${(query.page - 1) * DASHBOARD_PAGE_SIZE}`,
  );
  const countRows = await queryRows<{ status: ActivityStatus; n: number }>(
    db,
    sql`select status, count(*)::int as n from activities where organisation_id = ${organisationId} group by status`,
  );
  const counts: Record<ActivityStatus, number> = { draft: 0, published: 0, archived: 0 };
  for (const r of countRows) counts[r.status] = Number(r.n);
  const total = query.status === "all" ? counts.draft + counts.published + counts.archived : counts[query.status];
  return {
    total,
    counts,
    activities: rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      status: r.status as ActivityStatus,
      categoryName: String(r.category_name),
      timezone: String(r.timezone),
      updatedAt: date(r.updated_at),
      nextSession: r.next_id
        ? {
            id: String(r.next_id),
            startsAt: date(r.next_starts_at),
            endsAt: date(r.next_ends_at),
            capacity: Number(r.next_capacity),
            placesLeft: Math.max(0, Number(r.next_capacity) - Number(r.next_booked)),
          }
        : null,
    })),
  };
}

export interface WeekSession {
  id: string;
  activityId: string;
  activityTitle: string;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  bookedCount: number;
  status: "scheduled" | "cancelled";
}

/** The organisation's sessions in the seven days from now (drafts and published; archived ones have none). */
export async function listSessionsThisWeek(organisationId: string, now: Date): Promise<WeekSession[]> {
  const db = await getDb();
  const until = addDays(now, 7);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id, s.activity_id, a.title, a.timezone, s.starts_at, s.ends_at, s.capacity, s.booked_count, s.status
          from sessions s
          join activities a on a.id = s.activity_id
         where a.organisation_id = ${organisationId} and a.status <> 'archived'
           and s.ends_at >= ${now.toISOString()}::timestamptz and s.starts_at < ${until.toISOString()}::timestamptz
         order by s.starts_at asc, a.title asc
         limit 200`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    activityId: String(r.activity_id),
    activityTitle: String(r.title),
    timezone: String(r.timezone),
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    capacity: Number(r.capacity),
    bookedCount: Number(r.booked_count),
    status: r.status as "scheduled" | "cancelled",
  }));
}
