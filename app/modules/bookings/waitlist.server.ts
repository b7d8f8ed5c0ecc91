/**
 * The waitlist. A freed place is not put back on sale while people are
 * waiting: it is held (status "offered", still counted in booked_count) for
 * the first person in the queue until the offer expires, then passed on.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Executor, Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { MIN_OFFER_LEAD_MINUTES, OFFER_HOLD_HOURS } from "./booking";
import { releasePlace } from "./capacity.server";
import type { Booking } from "./place-booking.server";
import { HOUR_MS, MINUTE_MS } from "~/utils/time";

/**
 * A place on the session has just been given up: offer it to the first
 * person waiting (returns their booking) or release it (returns null).
 */
export async function passPlaceOn(tx: Tx, sessionId: string, now: Date): Promise<Booking | null> {
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
  const leadMs = session ? session.startsAt.getTime() - now.getTime() : 0;
  if (session && session.status === "scheduled" && leadMs > MIN_OFFER_LEAD_MINUTES * MINUTE_MS) {
    const [next] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      // A referral that ends has its waiting places cancelled, so everyone still queued can take one.
      .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "waitlisted")))
      .orderBy(asc(bookings.createdAt), asc(bookings.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (next) {
      const expires = new Date(Math.min(now.getTime() + OFFER_HOLD_HOURS * HOUR_MS, session.startsAt.getTime()));
      const [offered] = await tx
        .update(bookings)
        .set({ status: "offered", offerExpiresAt: expires, updatedAt: now })
        .where(eq(bookings.id, next.id))
        .returning();
      return offered;
    }
  }
  await releasePlace(tx, sessionId, now);
  return null;
}

export type ConfirmOfferResult = { kind: "booked"; booking: Booking } | { kind: "refused"; reason: "not_offered" | "expired" };

/** The person takes the place held for them (it is already counted, so nothing else changes). */
export async function confirmOffer(tx: Tx, bookingId: string, now: Date): Promise<ConfirmOfferResult> {
  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for("update");
  if (!booking || booking.status !== "offered") return { kind: "refused", reason: "not_offered" };
  if (!booking.offerExpiresAt || booking.offerExpiresAt.getTime() <= now.getTime()) return { kind: "refused", reason: "expired" };
  const [updated] = await tx
    .update(bookings)
    .set({ status: "booked", offerExpiresAt: null, updatedAt: now })
    .where(eq(bookings.id, booking.id))
    .returning();
  return { kind: "booked", booking: updated };
}

/**
 * Offers nobody took up in time: each is cancelled and its place passed to
 * the next person waiting. Returns what happened, for the messages.
 */
export async function expireDueOffers(tx: Tx, now: Date, limit = 100): Promise<{ expired: Booking; nextOffer: Booking | null }[]> {
  const due = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.status, "offered"), lte(bookings.offerExpiresAt, now)))
    .orderBy(asc(bookings.offerExpiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const results: { expired: Booking; nextOffer: Booking | null }[] = [];
  for (const offer of due) {
    const [expired] = await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, offerExpiresAt: null, updatedAt: now })
      .where(eq(bookings.id, offer.id))
      .returning();
    results.push({ expired, nextOffer: await passPlaceOn(tx, offer.sessionId, now) });
  }
  return results;
}

/** Position in the queue (1 = next), for the person's page. */
export async function waitlistPosition(tx: Executor, booking: Booking): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(bookings)
    .where(
      and(
        eq(bookings.sessionId, booking.sessionId),
        eq(bookings.status, "waitlisted"),
        sql`(${bookings.createdAt}, ${bookings.id}) <= (${booking.createdAt.toISOString()}::timestamptz, ${booking.id}::uuid)`,
      ),
    );
  return Number(row?.n ?? 1);
}
