import { and, eq, getTableColumns } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { liveBookingSql } from "./booking";
import { takePlace, takeWalkInPlace } from "./capacity.server";

export type Booking = typeof bookings.$inferSelect;

export type Refusal = "not_found" | "cancelled" | "past" | "full";

/** When the session is, as the booking read it (for the messages that follow a booking). */
export interface BookedSession {
  startsAt: Date;
  endsAt: Date;
}

export type PlaceBookingResult<T = unknown> =
  | { kind: "booked"; booking: Booking; session: BookedSession; confirmed: T }
  | { kind: "waitlisted"; booking: Booking; session: BookedSession }
  /** The same person already has a live booking (or waitlist place) on this session: nothing new is made. */
  | { kind: "already"; booking: Booking; session: BookedSession }
  | { kind: "refused"; reason: Refusal };

class NoPlaceLeft extends Error {}

/**
 * Books one place on a session of the referral's activity, or puts the
 * person on the waitlist when it is full and they asked to wait. The caller
 * holds the referral's row lock, so one person's repeated submits queue up
 * and the second finds the first's booking ("already"); the partial unique
 * index on live bookings is the backstop.
 *
 * `confirm` does what follows a booking (timeline events, messages) in the
 * same transaction, BEFORE the place is taken: taking the place locks the
 * session's row until commit, and everyone booking that session queues on
 * that lock, so it is taken last. If no place is left after all, a savepoint
 * undoes the booking and what `confirm` wrote, and the full/waitlist answer follows.
 */
export async function placeBooking<T>(
  tx: Tx,
  input: { referralId: string; activityId: string; sessionId: string; waitlistIfFull: boolean; now: Date },
  confirm: (tx: Tx, booking: Booking, session: BookedSession) => Promise<T>,
): Promise<PlaceBookingResult<T>> {
  const found = await readSession(tx, input);
  if (!found) return { kind: "refused", reason: "not_found" };
  const { session, existing } = found;
  if (existing) return { kind: "already", booking: existing, session };

  // An unlocked look first: a session that is plainly full or over is not worth the work below.
  const looksBookable =
    session.status === "scheduled" && session.startsAt.getTime() > input.now.getTime() && session.bookedCount < session.capacity;
  if (looksBookable) {
    try {
      return await tx.transaction(async (sp) => {
        const [booking] = await sp
          .insert(bookings)
          .values({ referralId: input.referralId, sessionId: session.id, status: "booked", createdAt: input.now, updatedAt: input.now })
          .returning();
        const confirmed = await confirm(sp, booking, session);
        // The conditional UPDATE is the only authority on places (decision 014); nothing follows it but the commit.
        const place = await takePlace(sp, session.id, input.now);
        if (!place) throw new NoPlaceLeft();
        return { kind: "booked" as const, booking, session: { startsAt: place.startsAt, endsAt: session.endsAt }, confirmed };
      });
    } catch (error) {
      if (!(error instanceof NoPlaceLeft)) throw error;
    }
  }

  // No place was taken: say why, from what the session looks like now.
  const current = (await readSession(tx, input))?.session ?? session;
  if (current.status === "cancelled") return { kind: "refused", reason: "cancelled" };
  if (current.startsAt.getTime() <= input.now.getTime()) return { kind: "refused", reason: "past" };
  if (!input.waitlistIfFull) return { kind: "refused", reason: "full" };
  const [booking] = await tx
    .insert(bookings)
    .values({ referralId: input.referralId, sessionId: session.id, status: "waitlisted", createdAt: input.now, updatedAt: input.now })
    .returning();
  return { kind: "waitlisted", booking, session: current };
}

/**
 * The session and, in the same round trip, this person's live booking on it
 * (at most one: the partial unique index). Every statement before the place
 * is taken is time the booker's connection is busy, so reads are joined.
 */
async function readSession(tx: Tx, input: { referralId: string; sessionId: string; activityId: string }) {
  const [row] = await tx
    .select({
      session: { id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, status: sessions.status, bookedCount: sessions.bookedCount, capacity: sessions.capacity },
      existing: getTableColumns(bookings),
    })
    .from(sessions)
    .leftJoin(bookings, and(eq(bookings.sessionId, sessions.id), eq(bookings.referralId, input.referralId), liveBookingSql(bookings.status)))
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.activityId, input.activityId)));
  return row;
}

/** A booking for someone who walked in: booked on the spot, full or not (see takeWalkInPlace). */
export async function placeWalkInBooking(tx: Tx, input: { referralId: string; sessionId: string; now: Date }): Promise<Booking> {
  await takeWalkInPlace(tx, input.sessionId, input.now);
  const [booking] = await tx
    .insert(bookings)
    .values({ referralId: input.referralId, sessionId: input.sessionId, status: "booked", createdAt: input.now, updatedAt: input.now })
    .returning();
  return booking;
}
