/** The messages a status change sends (booking messages are sent by the booking verbs). */
import { asc, inArray } from "drizzle-orm";
import type { Tx } from "#db/client";
import { sessions } from "#db/schema";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { acceptedMessage, declinedMessage, organiserWithdrawnMessage, referrerDeclinedMessage, referrerDisengagedMessage, referrerExpiredMessage, referrerWithdrawnByPersonMessage, withdrawnByReferrerMessage } from "./referral-messages";
import { env } from "~/utils/env.server";
import { messageOrganisers, messagePerson, messageReferrer } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";
import type { TransitionChange } from "./transition-referral.server";

export async function notifyTransition(tx: Tx, change: TransitionChange, now: Date): Promise<void> {
  const { to, from, input } = change;
  const needsMessage = (to === "accepted" && from === "sent") || to === "declined" || to === "withdrawn" || to === "expired" || to === "disengaged";
  if (!needsMessage) return;
  const ctx = await loadReferralContext(tx, change.referral.id);
  if (!ctx) return;
  const note = input.note ?? null;
  switch (to) {
    case "accepted":
      await messagePerson(tx, ctx, now, (base) => acceptedMessage(base));
      return;
    case "declined":
      await messagePerson(tx, ctx, now, (base) => declinedMessage({ ...base, reason: note, hasReferrer: !!ctx.referrerEmail }));
      await messageReferrer(tx, ctx, (base) => referrerDeclinedMessage({ ...base, reason: note }));
      return;
    case "withdrawn": {
      if (input.actor.type === "person") {
        await messageReferrer(tx, ctx, (base) => referrerWithdrawnByPersonMessage({ ...base, reason: note, detailsRemoved: input.data?.detailsRemoval === true }));
      } else {
        await messagePerson(tx, ctx, now, (base) => withdrawnByReferrerMessage(base));
      }
      // Whoever withdrew, the organiser loses a referral and maybe places: they are told once, here.
      const cancelled = await placesGivenUp(tx, change, ctx.activity.timezone);
      await messageOrganisers(tx, ctx, (base) => organiserWithdrawnMessage({ ...base, byPerson: input.actor.type === "person", cancelled }));
      return;
    }
    case "expired":
      await messageReferrer(tx, ctx, (base) => referrerExpiredMessage({ ...base, days: env().REFERRAL_EXPIRY_DAYS }));
      return;
    case "disengaged":
      // Only the referrer: a "you have been closed" email could put off someone already struggling to go.
      await messageReferrer(tx, ctx, (base) => referrerDisengagedMessage({ ...base, reason: note }));
      return;
  }
}

/** The booked places a change cancelled, soonest first, and whether each went to the waitlist. */
async function placesGivenUp(tx: Tx, change: TransitionChange, timezone: string) {
  const booked = change.cancelledBookings.filter((c) => c.before.status === "booked");
  if (!booked.length) return [];
  const rows = await tx
    .select()
    .from(sessions)
    .where(inArray(sessions.id, booked.map((c) => c.before.sessionId)))
    .orderBy(asc(sessions.startsAt));
  return rows.map((session) => ({
    when: formatSessionWhen(session.startsAt, session.endsAt, timezone),
    freed: booked.some((c) => c.before.sessionId === session.id && c.nextOffer) ? ("offered" as const) : ("free" as const),
  }));
}
