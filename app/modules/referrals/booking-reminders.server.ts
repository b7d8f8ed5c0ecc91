/**
 * Worker job: a reminder about 24 hours before each booked session.
 * bookings.reminder_sent_at makes it once only, and the row lock (skip
 * locked) keeps two workers from both sending it.
 */
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { reminderMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { bookableStatuses } from "./lifecycle";
import { messagePerson } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";
import { addHours } from "~/utils/time";

export const REMINDER_HOURS_BEFORE = 24;

export async function sendBookingReminders(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const horizon = addHours(now, REMINDER_HOURS_BEFORE);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ booking: bookings, session: sessions })
      .from(bookings)
      .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
      .where(
        and(
          eq(bookings.status, "booked"),
          isNull(bookings.reminderSentAt),
          eq(sessions.status, "scheduled"),
          gt(sessions.startsAt, now),
          lte(sessions.startsAt, horizon),
        ),
      )
      .limit(options.limit ?? 200)
      .for("update", { of: bookings, skipLocked: true });
    let sent = 0;
    for (const { booking, session } of due) {
      await tx.update(bookings).set({ reminderSentAt: now }).where(eq(bookings.id, booking.id));
      const ctx = await loadReferralContext(tx, booking.referralId);
      if (!ctx || !bookableStatuses.includes(ctx.referral.status)) continue;
      const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
      const joiningUrl = ctx.activity.online ? ctx.activity.onlineUrl : null;
      await messagePerson(tx, ctx, now, (base) => reminderMessage({ ...base, session: { when, joiningUrl } }));
      sent++;
    }
    return sent;
  });
}
