/**
 * Worker job: when an organiser cancels a session, the activities module
 * writes an outbox event {type: "session.cancelled", sessionId, reason}.
 * Here each one cancels the session's bookings, frees its places, moves
 * referrals with no booking left back to "accepted", and tells the people
 * who had a place and their referrers. Safe to run twice: only live
 * bookings are touched. A session the organiser reinstated before this ran
 * is left alone: its bookings stand and nobody is told it was cancelled.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { sessions } from "#db/schema";
import { cancelBookingsOfCancelledSession } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { processOutbox } from "~/modules/notifications/index.server";
import { referrerCancelledMessage, sessionCancelledMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { logger } from "~/utils/logger.server";
import { recordBookingEvent } from "./booking-events.server";
import { messagePerson, messageReferrer } from "./notify.server";
import { moveBackIfNoBookingsLeft } from "./person-actions.server";
import { loadReferralContext } from "./referral-context.server";

export const SESSION_CANCELLED = "session.cancelled";

export function handleSessionCancellations(options: { now?: Date } = {}): Promise<number> {
  return processOutbox(
    "event",
    async (payload, _row, tx) => {
      const sessionId = typeof payload.sessionId === "string" ? payload.sessionId : "";
      if (!isUuid(sessionId)) {
        logger.warn({ payload }, "session.cancelled event without a valid sessionId; skipped");
        return;
      }
      await cancelSessionBookings(tx, sessionId, typeof payload.reason === "string" ? payload.reason : null, options.now ?? clockNow());
    },
    { ...options, match: sql`payload->>'type' = ${SESSION_CANCELLED}` },
  );
}

export async function cancelSessionBookings(tx: Tx, sessionId: string, eventReason: string | null, now: Date): Promise<number> {
  // Locked so a reinstatement waits for this, or this sees the reinstatement.
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
  if (!session || session.status !== "cancelled") return 0;
  // Cancelled, reinstated and cancelled again before this ran: people hear the latest reason.
  const reason = session.cancelReason ?? eventReason;
  const cancelled = await cancelBookingsOfCancelledSession(tx, sessionId, now);
  const note = reason ? `Session cancelled: ${reason}` : "Session cancelled by the organiser";
  for (const booking of cancelled) {
    const ctx = await loadReferralContext(tx, booking.referralId);
    if (!ctx) continue;
    await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "cancelled", booking, actor: { type: "system" }, at: now, note, startsAt: session.startsAt });
    if (booking.status !== "waitlisted") await moveBackIfNoBookingsLeft(tx, ctx.referral.id, { type: "system" }, now, note);
    const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
    await messagePerson(tx, ctx, now, (base) => sessionCancelledMessage({ ...base, session: { when }, reason }));
    await messageReferrer(tx, ctx, (base) => referrerCancelledMessage({ ...base, when, bySession: true }));
  }
  return cancelled.length;
}
