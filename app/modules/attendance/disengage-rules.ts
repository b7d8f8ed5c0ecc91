/** When a stalled referral has stopped going. Pure; disengage.server.ts gathers the facts and closes the referral. */
import type { ReferralStatus } from "~/modules/referrals";
import { DAY_MS } from "~/utils/time";

/** Open referrals the disengagement rule looks at (an accepted one never started: it expires instead). */
export const disengageableStatuses: readonly ReferralStatus[] = ["booked", "attending"];

/**
 * Stalled, and still nothing booked or attended `days` after the later of
 * the stall and the person's last booking activity (a booking made, or a
 * booked session's date): they have stopped going, so the referral ends as
 * "disengaged". A place booked or waited for ahead means they still mean to go.
 */
export function isDisengaged(
  facts: { status: ReferralStatus; stalledAt: Date | null; lastBookingActivityAt: Date | null; hasUpcomingBooking: boolean },
  now: Date,
  days: number,
): boolean {
  if (!disengageableStatuses.includes(facts.status) || !facts.stalledAt || facts.hasUpcomingBooking) return false;
  const quietSince = Math.max(facts.stalledAt.getTime(), facts.lastBookingActivityAt?.getTime() ?? 0);
  return now.getTime() - quietSince >= days * DAY_MS;
}
