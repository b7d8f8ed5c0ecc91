/** Moving an activity through draft → published → archived (the rules are in activity-status.ts). */
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { activities, schedules, sessions } from "#db/schema";
import { IllegalStatusChangeError, statusActions, type StatusAction } from "./activity-status";
import { regenerateScheduleSessions, type StrandedSession } from "./schedule-regeneration.server";
import { queueActivityReindex } from "./search-sync.server";
import type { ActivityStatus } from "./vocabulary";
import { liveBookingsOfSessionSql } from "~/modules/bookings/index.server";

export type StatusChangeResult = { status: ActivityStatus; stillBooked: StrandedSession[] };

/**
 * Moves an activity along its life. Archiving removes its future sessions
 * that nobody has booked and reports those that somebody has; restoring
 * rebuilds the sessions from its schedules. Throws IllegalStatusChangeError.
 */
export async function changeActivityStatus(
  activityId: string,
  action: StatusAction,
  now: Date,
): Promise<StatusChangeResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, activityId)).for("update");
    if (!activity) throw new Error(`Activity ${activityId} does not exist`);
    const rule = statusActions[action];
    if (!(rule.from as readonly string[]).includes(activity.status)) {
      throw new IllegalStatusChangeError(activity.status, action);
    }
    await tx
      .update(activities)
      .set({
        status: rule.to,
        publishedAt: rule.to === "published" ? (activity.publishedAt ?? now) : activity.publishedAt,
        updatedAt: now,
      })
      .where(eq(activities.id, activityId));
    let stillBooked: StrandedSession[] = [];
    if (action === "archive") stillBooked = await clearFutureSessions(tx, activityId, now);
    if (action === "restore") {
      const rows = await tx.select().from(schedules).where(eq(schedules.activityId, activityId));
      for (const schedule of rows) {
        await regenerateScheduleSessions(tx, schedule, { capacity: activity.capacity, now });
      }
    }
    await queueActivityReindex(tx, activityId);
    return { status: rule.to, stillBooked };
  });
}

async function clearFutureSessions(tx: Tx, activityId: string, now: Date): Promise<StrandedSession[]> {
  const liveBookings = liveBookingsOfSessionSql;
  const future = await tx
    .select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, status: sessions.status, liveBookings })
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.startsAt, now)))
    .orderBy(asc(sessions.startsAt));
  const unbooked = future.filter((s) => Number(s.liveBookings) === 0).map((s) => s.id);
  if (unbooked.length) await tx.delete(sessions).where(inArray(sessions.id, unbooked));
  return future
    .filter((s) => Number(s.liveBookings) > 0 && s.status === "scheduled")
    .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, liveBookings: Number(s.liveBookings) }));
}
