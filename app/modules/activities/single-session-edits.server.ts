/**
 * One session at a time: cancel it (with a reason), reinstate a cancelled
 * one, change its time or capacity, or add an extra date. Each is one
 * transaction that also writes the outbox: a domain event for booked people
 * (the referrals side notifies them) and the search reindex.
 */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { activities, sessions } from "#db/schema";
import { enqueue } from "~/modules/notifications/index.server";
import { queueActivityReindex } from "./search-sync.server";
import { localDateTimeToUtc } from "~/utils/time";
import { liveBookingsOfSessionSql } from "~/modules/bookings/index.server";

export type SessionChangeResult = { ok: true; sessionId: string } | { ok: false; fieldErrors: Record<string, string[]> };

export interface ManagedSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  bookedCount: number;
  liveBookings: number;
  status: "scheduled" | "cancelled";
  cancelReason: string | null;
  detached: boolean;
  extra: boolean;
  /** Cancelled and still to come, so the organiser can put it back on. */
  reinstatable: boolean;
}

/** Only a cancelled session that has not started can be put back on: nobody can go to one in the past. */
export function canReinstate(session: { status: string; startsAt: Date }, now: Date): boolean {
  return session.status === "cancelled" && session.startsAt > now;
}

/** The activity's sessions from the start of `since` (default: now) onwards, in order. */
export async function listManagedSessions(activityId: string, now: Date): Promise<ManagedSession[]> {
  const db = await getDb();
  const liveBookings = liveBookingsOfSessionSql;
  const rows = await db
    .select({
      id: sessions.id,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      capacity: sessions.capacity,
      bookedCount: sessions.bookedCount,
      liveBookings,
      status: sessions.status,
      cancelReason: sessions.cancelReason,
      detached: sessions.detached,
      scheduleId: sessions.scheduleId,
    })
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.endsAt, now)))
    .orderBy(asc(sessions.startsAt))
    .limit(400);
  return rows.map(({ scheduleId, ...r }) => ({
    ...r,
    liveBookings: Number(r.liveBookings),
    extra: scheduleId === null,
    reinstatable: canReinstate(r, now),
  }));
}

/** One session of this activity, locked until the change commits (null when it is another activity's). */
async function lockSessionOf(tx: Tx, activityId: string, sessionId: string) {
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.activityId, activityId)))
    .for("update");
  return session ?? null;
}

const notFuture = { date: ["Choose a time that has not happened yet"] };

export async function cancelSession(input: {
  activityId: string;
  sessionId: string;
  reason: string;
  now: Date;
}): Promise<SessionChangeResult> {
  const db = await getDb();
  return db.transaction((tx) => cancelSessionIn(tx, input));
}

/** The one cancellation path, inside the caller's transaction (a calendar import cancels with it too). */
export async function cancelSessionIn(
  tx: Tx,
  input: { activityId: string; sessionId: string; reason: string; now: Date },
): Promise<SessionChangeResult> {
  {
    const session = await lockSessionOf(tx, input.activityId, input.sessionId);
    if (!session) return { ok: false, fieldErrors: { sessionId: ["We could not find that session"] } };
    if (session.status === "cancelled") return { ok: false, fieldErrors: { reason: ["This session is already cancelled"] } };
    if (session.startsAt <= input.now) return { ok: false, fieldErrors: { reason: ["This session has already started"] } };
    await tx
      .update(sessions)
      .set({ status: "cancelled", cancelReason: input.reason, cancelledAt: session.cancelledAt ?? input.now, updatedAt: input.now })
      .where(eq(sessions.id, session.id));
    await enqueue(tx, "event", { type: "session.cancelled", sessionId: session.id, reason: input.reason });
    await queueActivityReindex(tx, input.activityId);
    return { ok: true, sessionId: session.id };
  }
}

/**
 * Puts a cancelled session back on: scheduled and bookable again. Nobody is
 * booked back in (they may have made other plans); the outbox event lets the
 * referrals side tell the people whose bookings the cancellation cancelled,
 * with a link to book again (it clears `cancelledAt` once they are told).
 */
export async function reinstateSession(input: { activityId: string; sessionId: string; now: Date }): Promise<SessionChangeResult> {
  const db = await getDb();
  return db.transaction((tx) => reinstateSessionIn(tx, input));
}

/** The one reinstatement path, inside the caller's transaction. */
export async function reinstateSessionIn(tx: Tx, input: { activityId: string; sessionId: string; now: Date }): Promise<SessionChangeResult> {
  {
    const session = await lockSessionOf(tx, input.activityId, input.sessionId);
    if (!session) return { ok: false, fieldErrors: { sessionId: ["We could not find that session"] } };
    if (session.status !== "cancelled") return { ok: false, fieldErrors: { sessionId: ["This session is not cancelled, so there is nothing to reinstate"] } };
    if (!canReinstate(session, input.now)) {
      return {
        ok: false,
        fieldErrors: { sessionId: ["This session has already started or finished, so it cannot be reinstated. Add an extra date instead."] },
      };
    }
    await tx
      .update(sessions)
      .set({ status: "scheduled", cancelReason: null, updatedAt: input.now })
      .where(eq(sessions.id, session.id));
    await enqueue(tx, "event", { type: "session.reinstated", sessionId: session.id });
    await queueActivityReindex(tx, input.activityId);
    return { ok: true, sessionId: session.id };
  }
}

async function activityTimezone(activityId: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ timezone: activities.timezone }).from(activities).where(eq(activities.id, activityId));
  return row?.timezone ?? "Europe/London";
}

interface TimedInput {
  activityId: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
  now: Date;
}

function timesOf(input: TimedInput, timezone: string) {
  try {
    return {
      startsAt: localDateTimeToUtc(input.date, input.startTime, timezone),
      endsAt: localDateTimeToUtc(input.date, input.endTime, timezone),
    };
  } catch {
    return null;
  }
}

/**
 * Moves or resizes one session. It is detached from its schedule so later
 * schedule edits leave it alone. The capacity can never drop below the places
 * already booked (checked in the same statement that writes it).
 */
export async function changeSession(input: TimedInput & { sessionId: string }): Promise<SessionChangeResult> {
  const timezone = await activityTimezone(input.activityId);
  const times = timesOf(input, timezone);
  if (!times) return { ok: false, fieldErrors: { date: ["That date does not exist"] } };
  const db = await getDb();
  return db.transaction(async (tx): Promise<SessionChangeResult> => {
    const session = await lockSessionOf(tx, input.activityId, input.sessionId);
    if (!session) return { ok: false, fieldErrors: { sessionId: ["We could not find that session"] } };
    if (session.startsAt <= input.now) return { ok: false, fieldErrors: { date: ["This session has already started"] } };
    if (times.startsAt <= input.now) return { ok: false, fieldErrors: notFuture };
    const moved = times.startsAt.getTime() !== session.startsAt.getTime() || times.endsAt.getTime() !== session.endsAt.getTime();
    const updated = await tx
      .update(sessions)
      .set({ ...times, capacity: input.capacity, detached: true, updatedAt: input.now })
      .where(and(eq(sessions.id, session.id), lte(sessions.bookedCount, input.capacity)))
      .returning({ id: sessions.id });
    if (updated.length === 0) {
      return {
        ok: false,
        fieldErrors: {
          capacity: [
            `${session.bookedCount} ${session.bookedCount === 1 ? "place is" : "places are"} already booked. The capacity cannot be lower than ${session.bookedCount}`,
          ],
        },
      };
    }
    if (moved) {
      await enqueue(tx, "event", {
        type: "session.moved",
        sessionId: session.id,
        from: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
        to: { startsAt: times.startsAt.toISOString(), endsAt: times.endsAt.toISOString() },
      });
    }
    await queueActivityReindex(tx, input.activityId);
    return { ok: true, sessionId: session.id };
  });
}

/** An extra date outside the schedules. */
export async function addExtraSession(input: TimedInput): Promise<SessionChangeResult> {
  const timezone = await activityTimezone(input.activityId);
  const times = timesOf(input, timezone);
  if (!times) return { ok: false, fieldErrors: { date: ["That date does not exist"] } };
  if (times.startsAt <= input.now) return { ok: false, fieldErrors: notFuture };
  const db = await getDb();
  return db.transaction(async (tx): Promise<SessionChangeResult> => {
    const [row] = await tx
      .insert(sessions)
      .values({ activityId: input.activityId, scheduleId: null, ...times, capacity: input.capacity })
      .returning({ id: sessions.id });
    await queueActivityReindex(tx, input.activityId);
    return { ok: true, sessionId: row.id };
  });
}
