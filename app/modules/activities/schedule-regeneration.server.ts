/**
 * Applies a saved schedule to its future sessions (the rules are in
 * schedule-regeneration-plan.ts), inside the caller's transaction.
 */
import { and, eq, gte, inArray } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { schedules, sessions } from "#db/schema";
import { horizonEnd } from "./horizon";
import { insertOccurrences } from "./materialise-sessions.server";
import { expandSchedule } from "./schedule";
import { planRegeneration, type ExistingSession } from "./schedule-regeneration-plan";
import { liveBookingsOfSessionSql } from "~/modules/bookings/index.server";

type ScheduleRow = typeof schedules.$inferSelect;

export interface StrandedSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  liveBookings: number;
}

/** A schedule's sessions from `now` on, with how many people hold a place (any booking not cancelled). */
async function futureSessionsOf(executor: Executor, scheduleId: string, now: Date): Promise<ExistingSession[]> {
  const liveBookings = liveBookingsOfSessionSql;
  const rows = await executor
    .select({
      id: sessions.id,
      occurrenceAt: sessions.occurrenceAt,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      status: sessions.status,
      detached: sessions.detached,
      liveBookings,
    })
    .from(sessions)
    .where(and(eq(sessions.scheduleId, scheduleId), gte(sessions.startsAt, now)))
    .orderBy(sessions.startsAt);
  return rows.map((r) => ({ ...r, liveBookings: Number(r.liveBookings) }));
}

const toStranded = (s: ExistingSession): StrandedSession => ({
  id: s.id,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  liveBookings: s.liveBookings,
});

/**
 * Brings a schedule's sessions in line with it up to the horizon. Returns the
 * booked sessions it could not move.
 */
export async function regenerateScheduleSessions(
  tx: Executor,
  schedule: ScheduleRow,
  options: { capacity: number; now: Date },
): Promise<StrandedSession[]> {
  const { now } = options;
  const to = horizonEnd(now);
  const existing = await futureSessionsOf(tx, schedule.id, now);
  const plan = planRegeneration(existing, expandSchedule(schedule, { from: now, to }), schedule.timezone);
  for (const move of plan.move) {
    await tx
      .update(sessions)
      .set({ startsAt: move.startsAt, endsAt: move.endsAt, updatedAt: now })
      .where(eq(sessions.id, move.id));
  }
  if (plan.remove.length) await tx.delete(sessions).where(inArray(sessions.id, plan.remove));
  await insertOccurrences(tx, schedule, plan.insert, options.capacity);
  await tx.update(schedules).set({ materialisedUntil: to, updatedAt: now }).where(eq(schedules.id, schedule.id));
  return plan.stranded.map(toStranded);
}

/**
 * Removes a schedule. Its unbooked future sessions go; booked ones stay as
 * extra dates (the foreign key clears their schedule) and are returned.
 */
export async function removeSchedule(tx: Executor, scheduleId: string, now: Date): Promise<StrandedSession[]> {
  const existing = await futureSessionsOf(tx, scheduleId, now);
  const unbooked = existing.filter((s) => s.liveBookings === 0).map((s) => s.id);
  if (unbooked.length) await tx.delete(sessions).where(inArray(sessions.id, unbooked));
  await tx.delete(schedules).where(eq(schedules.id, scheduleId));
  return existing.filter((s) => s.liveBookings > 0 && s.status === "scheduled").map(toStranded);
}

/**
 * Booked sessions that no longer match their schedule (left behind by an
 * edit), so the editor can keep reminding the organiser until they are moved
 * or cancelled.
 */
export async function findStrandedSessions(activityId: string, now: Date): Promise<StrandedSession[]> {
  const db = await getDb();
  const rows = await db.select().from(schedules).where(eq(schedules.activityId, activityId));
  const out: StrandedSession[] = [];
  for (const schedule of rows) {
    const existing = await futureSessionsOf(db, schedule.id, now);
    const occurrences = expandSchedule(schedule, { from: now, to: horizonEnd(now) });
    out.push(...planRegeneration(existing, occurrences, schedule.timezone).stranded.map(toStranded));
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
