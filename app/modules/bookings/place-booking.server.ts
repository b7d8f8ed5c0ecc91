import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { liveBookingSql } from "./booking";
import { takePlace, takeWalkInPlace } from "./capacity.server";

export type Booking = typeof bookings.$inferSelect;

export type Refusal = "not_found" | "cancelled" | "past" | "full";

export type PlaceBookingResult<T = unknown> =
  | { kind: "booked"; booking: Booking; startsAt: Date; confirmed: T }
  | { kind: "waitlisted"; booking: Booking; startsAt: Date }
  /** The same person already has a live booking (or waitlist place) on this session: nothing new is made. */
  | { kind: "already"; booking: Booking; startsAt: Date }
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
  confirm: (tx: Tx, booking: Booking, startsAt: Date) => Promise<T>,
): Promise<PlaceBookingResult<T>> {
  const session = await readSession(tx, input);
  if (!session) return { kind: "refused", reason: "not_found" };

  const [existing] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.referralId, input.referralId), eq(bookings.sessionId, session.id), liveBookingSql(bookings.status)));
  if (existing) return { kind: "already", booking: existing, startsAt: session.startsAt };

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
        const confirmed = await confirm(sp, booking, session.startsAt);
        // The conditional UPDATE is the only authority on places (decision 014); nothing follows it but the commit.
        const place = await takePlace(sp, session.id, input.now);
        if (!place) throw new NoPlaceLeft();
        return { kind: "booked" as const, booking, startsAt: place.startsAt, confirmed };
      });
    } catch (error) {
      if (!(error instanceof NoPlaceLeft)) throw error;
    }
  }

  // No place was taken: say why, from what the session looks like now.
  const current = (await readSession(tx, input)) ?? session;
  if (current.status === "cancelled") return { kind: "refused", reason: "cancelled" };
  if (current.startsAt.getTime() <= input.now.getTime()) return { kind: "refused", reason: "past" };
  if (!input.waitlistIfFull) return { kind: "refused", reason: "full" };
  const [booking] = await tx
    .insert(bookings)
    .values({ referralId: input.referralId, sessionId: session.id, status: "waitlisted", createdAt: input.now, updatedAt: input.now })
    .returning();
  return { kind: "waitlisted", booking, startsAt: current.startsAt };
}

async function readSession(tx: Tx, input: { sessionId: string; activityId: string }) {
  const [session] = await tx
    .select({ id: sessions.id, startsAt: sessions.startsAt, status: sessions.status, bookedCount: sessions.bookedCount, capacity: sessions.capacity })
    .from(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.activityId, input.activityId)));
  return session;
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
