/** Worker job: offers nobody took up in time pass to the next person waiting. */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { sessions } from "#db/schema";
import { expireDueOffers } from "~/modules/bookings/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { offerLapsedMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { announceOffer, recordBookingEvent } from "./booking-events.server";
import { messagePerson } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";

export async function passOnLapsedOffers(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const results = await expireDueOffers(tx, now);
    for (const { expired, nextOffer } of results) {
      const ctx = await loadReferralContext(tx, expired.referralId);
      const [session] = await tx.select().from(sessions).where(eq(sessions.id, expired.sessionId));
      if (ctx && session) {
        await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "offer_lapsed", booking: expired, actor: { type: "system" }, at: now, startsAt: session.startsAt });
        const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
        await messagePerson(tx, ctx, now, (base) => offerLapsedMessage({ ...base, session: { when } }));
      }
      if (nextOffer) await announceOffer(tx, nextOffer, now);
    }
    return results.length;
  });
}
