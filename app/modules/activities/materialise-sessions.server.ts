/**
 * Sessions follow from schedules: each occurrence inside the rolling horizon
 * becomes a row, keyed by (schedule, occurrence) so running again adds only
 * what is missing and never duplicates or resurrects a session.
 */
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { activities, schedules, sessions } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { horizonEnd } from "./horizon";
import { expandSchedule, type Occurrence } from "./schedule";

export { HORIZON_WEEKS, horizonEnd } from "./horizon";

type ScheduleRow = typeof schedules.$inferSelect;

/**
 * A session for each occurrence the schedule does not have yet; one it already
 * has (even a cancelled one) is left alone. Returns how many were added.
 */
export async function insertOccurrences(
  executor: Executor,
  schedule: Pick<ScheduleRow, "id" | "activityId">,
  occurrences: Occurrence[],
  capacity: number,
): Promise<number> {
  if (occurrences.length === 0) return 0;
  const inserted = await executor
    .insert(sessions)
    .values(
      occurrences.map((o) => ({
        activityId: schedule.activityId,
        scheduleId: schedule.id,
        occurrenceAt: o.occurrenceAt,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        capacity,
      })),
    )
    .onConflictDoNothing({ target: [sessions.scheduleId, sessions.occurrenceAt] })
    .returning({ id: sessions.id });
  return inserted.length;
}

/** Inserts the schedule's missing sessions from `from` to the horizon; returns how many were added. */
export async function materialiseSchedule(
  executor: Executor,
  schedule: ScheduleRow,
  options: { capacity: number; from?: Date; now?: Date },
): Promise<number> {
  const now = options.now ?? clockNow();
  const to = horizonEnd(now);
  const occurrences = expandSchedule(schedule, { from: options.from ?? now, to });
  const added = await insertOccurrences(executor, schedule, occurrences, options.capacity);
  await executor.update(schedules).set({ materialisedUntil: to }).where(eq(schedules.id, schedule.id));
  return added;
}

/** Worker job: keep every live activity's sessions twelve weeks ahead. */
export async function rollSessionHorizon(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  // Re-check daily so the horizon moves forward a day at a time.
  const due = await db
    .select({ schedule: schedules, capacity: activities.capacity })
    .from(schedules)
    .innerJoin(activities, eq(activities.id, schedules.activityId))
    .where(
      and(
        sql`${activities.status} <> 'archived'`,
        or(isNull(schedules.materialisedUntil), lt(schedules.materialisedUntil, new Date(horizonEnd(now).getTime() - 86400_000))),
      ),
    )
    .limit(500);
  let added = 0;
  for (const { schedule, capacity } of due) {
    added += await db.transaction((tx) =>
      materialiseSchedule(tx, schedule, {
        capacity,
        now,
        // Pick up from where the last run stopped (never back-fill the past).
        from: schedule.materialisedUntil && schedule.materialisedUntil > now ? schedule.materialisedUntil : now,
      }),
    );
  }
  return added;
}
