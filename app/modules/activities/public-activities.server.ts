import { and, asc, count, eq, gte } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { activities, categories, organisations, sessions } from "#db/schema";
import { isUuid } from "~/utils/ids";

export type PublicActivity = NonNullable<Awaited<ReturnType<typeof findPublishedActivity>>>;

/** A published activity as anyone may see it (no joining link: that is for booked people). */
export async function findPublishedActivity(id: string) {
  if (!isUuid(id)) return null;
  const db = await getReadDb();
  const [row] = await db
    .select({
      activity: activities,
      organisationName: organisations.name,
      organisationId: organisations.id,
      categoryName: categories.name,
    })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .innerJoin(categories, eq(categories.slug, activities.category))
    .where(and(eq(activities.id, id), eq(activities.status, "published")));
  if (!row) return null;
  const { onlineUrl: _hidden, searchVector: _vector, ...activity } = row.activity;
  return {
    ...activity,
    organisationName: row.organisationName,
    categoryName: row.categoryName,
  };
}

export interface UpcomingSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  placesLeft: number;
  status: "scheduled" | "cancelled";
  cancelReason: string | null;
}

/** Enough for every session in the twelve-week horizon of an activity running daily, with room to spare. */
export const MAX_UPCOMING_SESSIONS = 200;

/**
 * The next sessions of an activity, cancelled ones included so people see
 * them. The page and the calendar feed both list exactly these.
 */
export async function listUpcomingSessions(
  activityId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<UpcomingSession[]> {
  const db = await getReadDb();
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.startsAt, options.now ?? new Date())))
    .orderBy(asc(sessions.startsAt))
    .limit(options.limit ?? 8);
  return rows.map((s) => ({
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    placesLeft: Math.max(0, s.capacity - s.bookedCount),
    status: s.status,
    cancelReason: s.cancelReason,
  }));
}

/** A plain, stable page of published activities (the full search has its own module). */
export async function listPublishedActivities(options: { page: number; perPage: number }) {
  const db = await getReadDb();
  const where = eq(activities.status, "published");
  const [{ total }] = await db.select({ total: count() }).from(activities).where(where);
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      summary: activities.summary,
      town: activities.town,
      online: activities.online,
      costType: activities.costType,
      costPence: activities.costPence,
      categoryName: categories.name,
      organisationName: organisations.name,
    })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .innerJoin(categories, eq(categories.slug, activities.category))
    .where(where)
    .orderBy(asc(activities.title), asc(activities.id))
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  return { total: Number(total), page: options.page, perPage: options.perPage, results: rows };
}
