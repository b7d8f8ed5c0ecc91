import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { liveBookingSql } from "./booking";
import { takePlace, takeWalkInPlace } from "./capacity.server";

export type Booking = typeof bookings.$inferSelect;

export type Refusal = "not_found" | "cancelled" | "past" | "full";

export type PlaceBookingResult =
  | { kind: "booked"; booking: Booking; startsAt: Date }
  | { kind: "waitlisted"; booking: Booking; startsAt: Date }
  /** The same person already has a live booking (or waitlist place) on this session: nothing new is made. */
  | { kind: "already"; booking: Booking; startsAt: Date }
  | { kind: "refused"; reason: Refusal };

/**
 * Books one place on a session of the referral's activity, or puts the
 * person on the waitlist when it is full and they asked to wait. The caller
 * holds the referral's row lock, so one person's repeated submits queue up
 * and the second finds the first's booking ("already"); the partial unique
 * index on live bookings is the backstop.
 */
export async function placeBooking(
  tx: Tx,
  input: { referralId: string; activityId: string; sessionId: string; waitlistIfFull: boolean; now: Date },
): Promise<PlaceBookingResult> {
  const [session] = await tx
    .select({ id: sessions.id, startsAt: sessions.startsAt, status: sessions.status })
    .from(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.activityId, input.activityId)));
  if (!session) return { kind: "refused", reason: "not_found" };

  const [existing] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.referralId, input.referralId), eq(bookings.sessionId, session.id), liveBookingSql(bookings.status)));
  if (existing) return { kind: "already", booking: existing, startsAt: session.startsAt };

  const place = await takePlace(tx, session.id, input.now);
  if (place) {
    const [booking] = await tx
      .insert(bookings)
      .values({ referralId: input.referralId, sessionId: session.id, status: "booked", createdAt: input.now, updatedAt: input.now })
      .returning();
    return { kind: "booked", booking, startsAt: place.startsAt };
  }

  // No place was taken: say why, from what the session looks like now.
  if (session.status === "cancelled") return { kind: "refused", reason: "cancelled" };
  if (session.startsAt.getTime() <= input.now.getTime()) return { kind: "refused", reason: "past" };
  if (!input.waitlistIfFull) return { kind: "refused", reason: "full" };
  const [booking] = await tx
    .insert(bookings)
    .values({ referralId: input.referralId, sessionId: session.id, status: "waitlisted", createdAt: input.now, updatedAt: input.now })
    .returning();
  return { kind: "waitlisted", booking, startsAt: session.startsAt };
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
