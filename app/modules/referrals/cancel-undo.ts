/**
 * A person's cancellation can be undone for a few minutes: a cancel tapped by accident on a phone is put right
 * without anyone being told twice. The messages about it wait out the same window (decision 060).
 */
import { MINUTE_MS } from "~/utils/time";

export const CANCEL_UNDO_MINUTES = 5;

/** Until when a cancellation made at `cancelledAt` may be undone. */
export function undoCancelUntil(cancelledAt: Date): Date {
  return new Date(cancelledAt.getTime() + CANCEL_UNDO_MINUTES * MINUTE_MS);
}

/** A booking cancelled at most CANCEL_UNDO_MINUTES ago, on a session that is still on and still to come. */
export function canUndoCancellation(
  booking: { status: string; cancelledAt: Date | null },
  session: { status: string; startsAt: Date },
  now: Date,
): boolean {
  return (
    booking.status === "cancelled" &&
    booking.cancelledAt !== null &&
    now.getTime() <= undoCancelUntil(booking.cancelledAt).getTime() &&
    session.status !== "cancelled" &&
    session.startsAt.getTime() > now.getTime()
  );
}
