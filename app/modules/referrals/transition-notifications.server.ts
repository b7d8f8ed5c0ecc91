/** The messages a status change sends (booking messages are sent by the booking verbs). */
import type { Tx } from "#db/client";
import {
  acceptedMessage,
  declinedMessage,
  referrerDeclinedMessage,
  referrerExpiredMessage,
  referrerWithdrawnByPersonMessage,
  withdrawnByReferrerMessage,
} from "../notifications/referral-messages";
import { env } from "~/utils/env.server";
import { messagePerson, messageReferrer } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";
import type { TransitionChange } from "./transition-referral.server";

export async function notifyTransition(tx: Tx, change: TransitionChange, now: Date): Promise<void> {
  const { to, from, input } = change;
  const needsMessage = (to === "accepted" && from === "sent") || to === "declined" || to === "withdrawn" || to === "expired";
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
    case "withdrawn":
      if (input.actor.type === "patient") {
        await messageReferrer(tx, ctx, (base) => referrerWithdrawnByPersonMessage({ ...base, reason: note }));
      } else {
        await messagePerson(tx, ctx, now, (base) => withdrawnByReferrerMessage(base));
      }
      return;
    case "expired":
      await messageReferrer(tx, ctx, (base) => referrerExpiredMessage({ ...base, days: env().REFERRAL_EXPIRY_DAYS }));
      return;
  }
}
