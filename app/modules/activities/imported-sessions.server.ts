/**
 * Sessions that follow an outside timetable (an organiser's own calendar,
 * decision 084). The importer knows what the timetable says and which of its
 * entries became which session; this context decides what that does to the
 * sessions, with the same rules as every other change to them: a booked
 * session is never moved or removed (decision 019), a cancellation goes
 * through the one cancellation path so booked people are told, and a session
 * the organiser changed by hand here is theirs from then on.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { activities, sessions } from "#db/schema";
import { liveBookingsOfSessionSql } from "~/modules/bookings/index.server";
import { localDate } from "./activity-form-schema";
import { queueActivityReindex } from "./search-sync.server";
import { cancelSessionIn, reinstateSessionIn } from "./single-session-edits.server";

/** One meeting as the outside timetable has it now. */
export interface ImportedOccurrence {
  /** The importer's stable name for this occurrence, the same on every read. */
  key: string;
  /** The repeating event it belongs to: a re-timed series gets new keys but keeps its series. */
  series: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
}

/** A session an earlier import made, as the importer remembers it. */
export interface ImportedSession {
  key: string;
  series: string;
  sessionId: string;
  /** What the organiser was last told about it, if anything. */
  attention: string | null;
}

export interface ImportedSessionsResult {
  counts: { created: number; updated: number; cancelled: number; removed: number; flagged: number };
  /** Every imported session that still exists afterwards, under the key that now names it, for the importer to remember. */
  sessions: { key: string; sessionId: string; attention: string | null }[];
}

/** What a cancelled occurrence tells the people booked; also how a session the timetable cancelled is recognised when it comes back. */
export const IMPORT_CANCEL_REASON = "Cancelled in the organiser’s calendar";
const IMPORT_DROPPED_REASON = "No longer in the organiser’s calendar";
const MOVED_BUT_BOOKED =
  "Your calendar moves this session, but people are booked on it, so it stays at this time. Change or cancel it here to tell them.";
const DROPPED_BUT_BOOKED = "This session is no longer in your calendar, but people are booked on it, so it stays. Cancel it here to tell them.";

const sameTimes = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * Makes the activity's future imported sessions match the occurrences, inside
 * the caller's transaction. The caller has already decided the import may
 * touch this activity (a member linked it; the worker refreshes what a member
 * linked), as with `cancelSessionIn`; past sessions are left alone.
 */
export async function applyImportedOccurrences(
  tx: Tx,
  input: { activityId: string; known: ImportedSession[]; occurrences: ImportedOccurrence[]; now: Date },
): Promise<ImportedSessionsResult> {
  const { activityId, now } = input;
  const counts = { created: 0, updated: 0, cancelled: 0, removed: 0, flagged: 0 };
  const [activity] = await tx.select({ capacity: activities.capacity, timezone: activities.timezone }).from(activities).where(eq(activities.id, activityId));
  const rows = input.known.length
    ? await tx
        .select({
          id: sessions.id,
          startsAt: sessions.startsAt,
          endsAt: sessions.endsAt,
          status: sessions.status,
          cancelReason: sessions.cancelReason,
          // Who holds or waits for a place, as schedule edits count it (decision 019): booked, offered or waitlisted.
          liveBookings: liveBookingsOfSessionSql,
          detached: sessions.detached,
          anyBooking: sql<boolean>`exists (select 1 from bookings b where b.session_id = ${sessions.id})`,
        })
        .from(sessions)
        .where(and(eq(sessions.activityId, activityId), inArray(sessions.id, input.known.map((k) => k.sessionId))))
        .for("update")
    : [];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const existing = input.known.flatMap((k) => {
    const row = rowById.get(k.sessionId);
    return row ? [{ ...row, ...k }] : [];
  });
  type Known = (typeof existing)[number];
  const result = new Map<string, { key: string; sessionId: string; attention: string | null }>(
    existing.map((s) => [s.sessionId, { key: s.key, sessionId: s.sessionId, attention: s.attention }]),
  );
  const byKey = new Map<string, Known>(existing.map((s) => [s.key, s]));

  // A series re-timed in the calendar gets new occurrence keys; its sessions are the same meetings, so an
  // unmatched occurrence takes over the unmatched session of the same series on the same local day.
  const wanted = new Set(input.occurrences.map((o) => o.key));
  const dayOf = (series: string, at: Date) => `${series}|${localDate(at, activity.timezone)}`;
  const orphans = new Map(existing.filter((s) => !wanted.has(s.key)).map((s) => [dayOf(s.series, s.startsAt), s]));
  for (const occurrence of input.occurrences) {
    if (byKey.has(occurrence.key)) continue;
    const orphan = orphans.get(dayOf(occurrence.series, occurrence.startsAt));
    if (!orphan || !byKey.has(orphan.key)) continue;
    byKey.delete(orphan.key);
    byKey.set(occurrence.key, { ...orphan, key: occurrence.key });
    result.set(orphan.sessionId, { ...result.get(orphan.sessionId)!, key: occurrence.key });
  }
  const setAttention = (sessionId: string, note: string | null) => {
    result.set(sessionId, { ...result.get(sessionId)!, attention: note });
  };
  let touched = false;

  for (const occurrence of input.occurrences) {
    const session = byKey.get(occurrence.key);
    byKey.delete(occurrence.key);
    if (!session) {
      if (occurrence.cancelled) continue;
      const [row] = await tx
        .insert(sessions)
        .values({ activityId, scheduleId: null, startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, capacity: activity.capacity })
        .returning({ id: sessions.id });
      result.set(row.id, { key: occurrence.key, sessionId: row.id, attention: null });
      counts.created++;
      touched = true;
      continue;
    }
    if (session.startsAt <= now) continue;
    if (occurrence.cancelled) {
      if (session.status !== "cancelled") {
        await cancelSessionIn(tx, { activityId, sessionId: session.id, reason: IMPORT_CANCEL_REASON, now });
        counts.cancelled++;
      }
      setAttention(session.id, null);
      continue;
    }
    if (session.status === "cancelled" && session.cancelReason === IMPORT_CANCEL_REASON) {
      // Back on in the calendar: the one reinstatement path tells whoever the cancellation cancelled.
      await reinstateSessionIn(tx, { activityId, sessionId: session.id, now });
      counts.updated++;
    }
    // A session the organiser changed by hand here is theirs now (decision 019), whatever the calendar says.
    if (!sameTimes(session, occurrence) && !session.detached) {
      if (session.liveBookings > 0) {
        if (session.attention !== MOVED_BUT_BOOKED) counts.flagged++;
        setAttention(session.id, MOVED_BUT_BOOKED);
        continue;
      }
      await tx.update(sessions).set({ startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, updatedAt: now }).where(eq(sessions.id, session.id));
      counts.updated++;
      touched = true;
    }
    setAttention(session.id, null);
  }

  // What the calendar no longer has: only future sessions, and never one people are booked on.
  for (const session of byKey.values()) {
    if (session.startsAt <= now || session.status === "cancelled") continue;
    if (session.liveBookings > 0) {
      if (session.attention !== DROPPED_BUT_BOOKED) counts.flagged++;
      setAttention(session.id, DROPPED_BUT_BOOKED);
    } else if (session.anyBooking) {
      // Past bookings (cancelled ones) are history: keep the row, take it off the timetable.
      await cancelSessionIn(tx, { activityId, sessionId: session.id, reason: IMPORT_DROPPED_REASON, now });
      counts.removed++;
    } else {
      await tx.delete(sessions).where(eq(sessions.id, session.id));
      result.delete(session.id);
      counts.removed++;
      touched = true;
    }
  }
  if (touched) await queueActivityReindex(tx, activityId);
  return { counts, sessions: [...result.values()] };
}
