/**
 * Worker job: when an organiser puts a cancelled session back on, the
 * activities module writes an outbox event {type: "session.reinstated",
 * sessionId}. Here the people whose bookings the cancellation cancelled
 * (those cancelled since the session's `cancelledAt`) are told it is back on,
 * with their link to book again, and their referrers are told too; then
 * `cancelledAt` is cleared, so the next cancellation starts afresh. Nobody is booked back in: they were told it
 * was off and may have made other plans (and the place may suit someone
 * else), so booking again is their choice.
 *
 * Nothing is sent when the session was cancelled again (the next
 * reinstatement tells them), or has started, by the time this runs, nor to
 * someone who has already booked it again or whose referral has ended. Safe
 * to run twice: once told, `cancelledAt` is gone.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { bookingsCancelledWithSession, liveBookingSql } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { processOutbox } from "~/modules/notifications/index.server";
import { referrerSessionReinstatedMessage, sessionReinstatedMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { logger } from "~/utils/logger.server";
import { recordBookingEvent } from "./booking-events.server";
import { bookableStatuses } from "./lifecycle";
import { messagePerson, messageReferrer } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";

export const SESSION_REINSTATED = "session.reinstated";

export function handleSessionReinstatements(options: { now?: Date } = {}): Promise<number> {
  return processOutbox(
    "event",
    async (payload, _row, tx) => {
      const sessionId = typeof payload.sessionId === "string" ? payload.sessionId : "";
      if (!isUuid(sessionId)) {
        logger.warn({ payload }, "session.reinstated event without a valid sessionId; skipped");
        return;
      }
      await tellPeopleSessionIsBack(tx, sessionId, options.now ?? clockNow());
    },
    { ...options, match: sql`payload->>'type' = ${SESSION_REINSTATED}` },
  );
}

/** Returns how many people were told. */
export async function tellPeopleSessionIsBack(tx: Tx, sessionId: string, now: Date): Promise<number> {
  // Locked so a new cancellation of this session waits for this, or this sees it.
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
  if (!session?.cancelledAt || session.status !== "scheduled") return 0;
  await tx.update(sessions).set({ cancelledAt: null }).where(eq(sessions.id, session.id));
  if (session.startsAt <= now) return 0;
  const cancelled = await bookingsCancelledWithSession(tx, sessionId, session.cancelledAt);
  const referralIds = [...new Set(cancelled.map((b) => b.referralId))];
  if (referralIds.length === 0) return 0;
  const rebooked = await tx
    .select({ referralId: bookings.referralId })
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), liveBookingSql(bookings.status), inArray(bookings.referralId, referralIds)));
  const alreadyBack = new Set(rebooked.map((r) => r.referralId));
  let told = 0;
  for (const referralId of referralIds) {
    if (alreadyBack.has(referralId)) continue;
    const ctx = await loadReferralContext(tx, referralId);
    if (!ctx || !bookableStatuses.includes(ctx.referral.status)) continue;
    const booking = cancelled.find((b) => b.referralId === referralId)!;
    await recordBookingEvent(tx, {
      referralId,
      action: "session_reinstated",
      booking,
      actor: { type: "system" },
      at: now,
      note: "The organiser put the session back on. They were told and can book again; they were not booked back in.",
      startsAt: session.startsAt,
    });
    const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
    await messagePerson(tx, ctx, now, (base) => sessionReinstatedMessage({ ...base, session: { when } }));
    await messageReferrer(tx, ctx, (base) => referrerSessionReinstatedMessage({ ...base, when }));
    told++;
  }
  return told;
}
