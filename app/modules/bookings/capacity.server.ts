/**
 * Places on a session. sessions.booked_count counts booked places and places
 * held for a waitlist offer; only these two statements change it.
 *
 * Taking a place is ONE conditional UPDATE: the row lock it takes makes
 * concurrent bookers queue, and each re-checks `booked_count < capacity`
 * against the committed value, so a session can never be overbooked.
 * (Counting bookings in a SELECT … FOR UPDATE and then inserting does
 * overbook: the lock does not cover rows that do not exist yet.)
 */
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "#db/client";

export interface TakenPlace {
  id: string;
  startsAt: Date;
  bookedCount: number;
  capacity: number;
}

/** Takes one place if the session is scheduled, still in the future and not full; null otherwise. */
export async function takePlace(tx: Tx, sessionId: string, now: Date): Promise<TakenPlace | null> {
  const rows = await queryRows<{ id: string; starts_at: Date | string; booked_count: number; capacity: number }>(
    tx,
    sql`UPDATE sessions SET booked_count = booked_count + 1, updated_at = ${now.toISOString()}::timestamptz
        WHERE id = ${sessionId} AND booked_count < capacity AND status = 'scheduled' AND starts_at > ${now.toISOString()}::timestamptz
        RETURNING id, starts_at, booked_count, capacity`,
  );
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, startsAt: new Date(row.starts_at), bookedCount: Number(row.booked_count), capacity: Number(row.capacity) };
}

/**
 * Someone already in the room (a walk-in) takes a place even when the
 * session is full or under way: they are there, so the count says so.
 */
export async function takeWalkInPlace(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`UPDATE sessions SET booked_count = booked_count + 1, updated_at = ${now.toISOString()}::timestamptz WHERE id = ${sessionId}`,
  );
}

/** Gives one place back (never below zero). */
export async function releasePlace(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.execute(
    sql`UPDATE sessions SET booked_count = booked_count - 1, updated_at = ${now.toISOString()}::timestamptz WHERE id = ${sessionId} AND booked_count > 0`,
  );
}
