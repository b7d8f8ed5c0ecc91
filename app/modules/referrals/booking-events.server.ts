/**
 * What a booking change leaves behind for a referral: a "booking" event on
 * its timeline, and the waitlist offer message when a freed place is held
 * for someone.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { sessions } from "#db/schema";
import { cancelUpcomingBookingsOfReferral, type CancelledBooking, type Booking } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { offerMessage } from "./referral-messages";
import { messagePerson } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";
import { recordReferralEvent, type Actor } from "./referral-events.server";
import { formatInTimezone } from "~/utils/time";

/** session_reinstated: the session this booking was cancelled with is back on (the booking stays cancelled). */
export type BookingAction = "booked" | "waitlisted" | "offered" | "cancelled" | "offer_lapsed" | "session_reinstated";

export async function recordBookingEvent(
  tx: Tx,
  input: { referralId: string; action: BookingAction; booking: Booking; actor: Actor; at: Date; note?: string | null; startsAt?: Date; undoable?: boolean },
): Promise<void> {
  let startsAt = input.startsAt;
  if (!startsAt) {
    const [session] = await tx.select({ startsAt: sessions.startsAt }).from(sessions).where(eq(sessions.id, input.booking.sessionId));
    startsAt = session?.startsAt;
  }
  await recordReferralEvent(tx, {
    referralId: input.referralId,
    kind: "booking",
    actor: input.actor,
    note: input.note ?? null,
    data: {
      action: input.action,
      bookingId: input.booking.id,
      sessionId: input.booking.sessionId,
      startsAt: startsAt?.toISOString() ?? null,
      // A place the person gave up themselves, which they may take back for a few minutes (cancel-undo.ts).
      ...(input.undoable ? { undoable: true } : {}),
    },
    at: input.at,
  });
}

/** A freed place is now held for this waitlisted person: record it and tell them. */
export async function announceOffer(tx: Tx, offered: Booking, now: Date): Promise<void> {
  const ctx = await loadReferralContext(tx, offered.referralId);
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, offered.sessionId));
  if (!ctx || !session) return;
  await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "offered", booking: offered, actor: { type: "system" }, at: now, startsAt: session.startsAt });
  const tz = ctx.activity.timezone;
  await messagePerson(tx, ctx, now, (base) =>
    offerMessage({
      ...base,
      session: { when: formatSessionWhen(session.startsAt, session.endsAt, tz) },
      holdUntil: formatInTimezone(offered.offerExpiresAt ?? session.startsAt, tz, "datetime"),
    }),
  );
}

/**
 * The referral is over (ended, or the person's details are going): its places
 * still to come are cancelled, each with a timeline event, and a freed place
 * goes to the next person waiting. Returns what was cancelled, for the
 * caller's messages.
 */
export async function releaseUpcomingPlaces(
  tx: Tx,
  referralId: string,
  input: { actor: Actor; now: Date; note: string },
): Promise<CancelledBooking[]> {
  const cancelled = await cancelUpcomingBookingsOfReferral(tx, referralId, input.now);
  for (const { before, nextOffer } of cancelled) {
    await recordBookingEvent(tx, { referralId, action: "cancelled", booking: before, actor: input.actor, at: input.now, note: input.note });
    if (nextOffer) await announceOffer(tx, nextOffer, input.now);
  }
  return cancelled;
}
