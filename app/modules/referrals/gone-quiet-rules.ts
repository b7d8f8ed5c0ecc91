/** When a referral that was going has gone quiet. Pure; gone-quiet.server.ts gathers the facts. */
import type { ReferralStatus } from "./lifecycle";
import { DAY_MS } from "~/utils/time";

/**
 * Went to at least one session, and since then nothing booked or attended
 * for `days`, with nothing booked to come.
 */
export function isGoneQuiet(
  facts: { status: ReferralStatus; stalledAt: Date | null; lastAttendedAt: Date | null; lastBookedAt: Date | null; hasUpcoming: boolean },
  now: Date,
  days: number,
): boolean {
  if (facts.status !== "attending" || facts.stalledAt || !facts.lastAttendedAt || facts.hasUpcoming) return false;
  const lastActivity = Math.max(facts.lastAttendedAt.getTime(), facts.lastBookedAt?.getTime() ?? 0);
  return now.getTime() - lastActivity >= days * DAY_MS;
}
