import { and, asc, eq, gt, gte, inArray } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { takePlace } from "./capacity.server";
import type { Booking } from "./place-booking.server";
import { passPlaceOn } from "./waitlist.server";
import { liveBookingSql } from "./booking";

export interface CancelledBooking {
  /** The booking as it was before (its status says whether it held a place). */
  before: Booking;
  cancelled: Booking;
  /** The waitlisted booking now offered the freed place, if any. */
  nextOffer: Booking | null;
}

/**
 * Cancels one live booking (booked, offered or waitlisted). A place it held
 * goes to the next person waiting, or back on sale. Returns null when the
 * booking was already cancelled (a repeated submit changes nothing).
 */
export async function cancelBooking(tx: Tx, bookingId: string, now: Date): Promise<CancelledBooking | null> {
  const [before] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
  if (!before || before.status === "cancelled") return null;
  const [cancelled] = await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: now, offerExpiresAt: null, updatedAt: now })
    .where(eq(bookings.id, before.id))
    .returning();
  const heldPlace = before.status === "booked" || before.status === "offered";
  const nextOffer = heldPlace ? await passPlaceOn(tx, before.sessionId, now) : null;
  return { before, cancelled, nextOffer };
}

export type RestoredBooking =
  | { kind: "restored"; booking: Booking }
  /** Nothing to undo: the booking (or another live one on the same session) holds a place already. */
  | { kind: "already"; booking: Booking }
  /** The freed place has gone (booked, or held for someone on the waitlist), or the session is off or under way. */
  | { kind: "gone" };

/**
 * Takes back a cancellation: the same booking (so a calendar entry made from it stays the same event) holds a
 * place again, if one is free. Whether an undo is still allowed is the caller's rule.
 */
export async function restoreCancelledBooking(tx: Tx, bookingId: string, now: Date): Promise<RestoredBooking> {
  const [before] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
  if (!before) return { kind: "gone" };
  if (before.status !== "cancelled") return { kind: "already", booking: before };
  const [live] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.referralId, before.referralId), eq(bookings.sessionId, before.sessionId), liveBookingSql(bookings.status)));
  if (live) return { kind: "already", booking: live };
  if (!(await takePlace(tx, before.sessionId, now))) return { kind: "gone" };
  const [restored] = await tx
    .update(bookings)
    .set({ status: "booked", cancelledAt: null, updatedAt: now })
    .where(eq(bookings.id, before.id))
    .returning();
  return { kind: "restored", booking: restored };
}

/**
 * A referral has ended (withdrawn, declined, expired): its bookings for
 * sessions still to come are cancelled and their places passed on. Past
 * bookings stay, with their attendance.
 */
export async function cancelUpcomingBookingsOfReferral(tx: Tx, referralId: string, now: Date): Promise<CancelledBooking[]> {
  const upcoming = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .where(and(eq(bookings.referralId, referralId), liveBookingSql(bookings.status), gt(sessions.startsAt, now)));
  const results: CancelledBooking[] = [];
  for (const { id } of upcoming) {
    const result = await cancelBooking(tx, id, now);
    if (result) results.push(result);
  }
  return results;
}

/**
 * The organiser cancelled the session: every live booking on it is
 * cancelled and the places counter goes back to zero (nobody is offered a
 * place on a session that will not happen).
 */
export async function cancelBookingsOfCancelledSession(tx: Tx, sessionId: string, now: Date): Promise<Booking[]> {
  const live = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), inArray(bookings.status, ["booked", "offered", "waitlisted"])))
    .for("update");
  if (live.length) {
    await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, offerExpiresAt: null, updatedAt: now })
      .where(inArray(bookings.id, live.map((b) => b.id)));
  }
  await tx.update(sessions).set({ bookedCount: 0, updatedAt: now }).where(eq(sessions.id, sessionId));
  // As they were, so the caller can tell booked people from those who were waiting.
  return live;
}

/**
 * The bookings an organiser's cancellation of this session cancelled: those
 * on it cancelled at or after the moment it was cancelled (`since`), oldest
 * first. Cancellations from before then were the people's own.
 */
export async function bookingsCancelledWithSession(tx: Tx, sessionId: string, since: Date): Promise<Booking[]> {
  return tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "cancelled"), gte(bookings.cancelledAt, since)))
    .orderBy(asc(bookings.cancelledAt), asc(bookings.id));
}
