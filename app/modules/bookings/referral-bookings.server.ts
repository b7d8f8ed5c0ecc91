import { asc, desc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { bookings, sessions } from "#db/schema";

/**
 * Every booking of one referral, cancelled ones included, with its session:
 * earliest session first, and the newest booking first for the same session
 * (a place booked again after a cancellation comes before the cancelled one).
 */
export async function listReferralBookings(executor: Executor, referralId: string) {
  return executor
    .select({ booking: bookings, session: sessions })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .where(eq(bookings.referralId, referralId))
    .orderBy(asc(sessions.startsAt), desc(bookings.createdAt));
}
