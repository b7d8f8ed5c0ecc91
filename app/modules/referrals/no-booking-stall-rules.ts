/** When an accepted referral has stalled for want of a booking. Pure; no-booking-stall.server.ts gathers the facts. */
import type { ReferralStatus } from "./lifecycle";
import { DAY_MS } from "~/utils/time";

/**
 * Accepted (or back to accepted after a cancellation) and still nothing
 * booked `days` later.
 */
export function isNoBookingStall(
  facts: { status: ReferralStatus; statusChangedAt: Date; hasLiveBooking: boolean; stalledAt: Date | null },
  now: Date,
  days: number,
): boolean {
  if (facts.status !== "accepted" || facts.hasLiveBooking || facts.stalledAt) return false;
  return now.getTime() - facts.statusChangedAt.getTime() >= days * DAY_MS;
}
