/**
 * Sessions follow from schedules: each occurrence inside the rolling horizon
 * becomes a row, keyed by (schedule, occurrence) so running again adds only
 * what is missing and never duplicates or resurrects a session.
 */
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
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
  return insertSessionRows(executor, occurrences.map((o) => sessionRow(schedule, o, capacity)));
}

function sessionRow(schedule: Pick<ScheduleRow, "id" | "activityId">, o: Occurrence, capacity: number) {
  return { activityId: schedule.activityId, scheduleId: schedule.id, occurrenceAt: o.occurrenceAt, startsAt: o.startsAt, endsAt: o.endsAt, capacity };
}

/** Six parameters a row: a thousand rows a statement stays far below PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

async function insertSessionRows(executor: Executor, rows: ReturnType<typeof sessionRow>[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const inserted = await executor
      .insert(sessions)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflictDoNothing({ target: [sessions.scheduleId, sessions.occurrenceAt] })
      .returning({ id: sessions.id });
    added += inserted.length;
  }
  return added;
}

/** Inserts the schedule's missing sessions from `from` to the horizon; returns how many were added. */
export async function materialiseSchedule(
  executor: Executor,
  schedule: ScheduleRow,
  options: { capacity: number; from?: Date; now?: Date },
): Promise<number> {
  return materialiseSchedules(executor, [{ schedule, capacity: options.capacity, from: options.from }], { now: options.now });
}

/**
 * Many schedules at once (the demo's first load, a few hundred): their
 * sessions in a few large inserts and one update, not three statements each.
 */
export async function materialiseSchedules(
  executor: Executor,
  items: { schedule: ScheduleRow; capacity: number; from?: Date }[],
  options: { now?: Date } = {},
): Promise<number> {
  if (items.length === 0) return 0;
  const now = options.now ?? clockNow();
  const to = horizonEnd(now);
  const rows = items.flatMap(({ schedule, capacity, from }) => expandSchedule(schedule, { from: from ?? now, to }).map((o) => sessionRow(schedule, o, capacity)));
  const added = await insertSessionRows(executor, rows);
  await executor.update(schedules).set({ materialisedUntil: to }).where(inArray(schedules.id, items.map((i) => i.schedule.id)));
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
