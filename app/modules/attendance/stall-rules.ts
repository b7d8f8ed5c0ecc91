/**
 * When a referral has stalled: the data says the prescription is not being
 * followed, so the referrer should act. Pure rules over facts; the server
 * code gathers the facts and records the flag.
 */
import type { ReferralStatus } from "~/modules/referrals";
import type { Mark } from "~/modules/bookings";
import { DAY_MS } from "~/utils/time";

export type StallReason = "two_no_shows" | "no_booking";

export const stallReasonLabels: Record<StallReason, string> = {
  two_no_shows: "Did not attend two sessions in a row",
  no_booking: "Has not booked a session",
};

/** What a referrer can do next, in plain words (shown in the alert and on the referral). */
export const stallNextSteps: Record<StallReason, readonly string[]> = {
  two_no_shows: [
    "Call the person to ask how they are and whether the sessions still suit them.",
    "Check whether something is in the way: getting there, the time of day, cost, or access needs.",
    "Talk about trying a different activity, and refer them to it if they would like that.",
  ],
  no_booking: [
    "Call the person to check they received their link and can open it.",
    "Offer to book a session with them over the phone, using their reference code.",
    "Check whether something is in the way: getting there, the time of day, cost, or access needs.",
    "Talk about trying a different activity if this one no longer suits them.",
  ],
};

/** The last two sessions with an answer were both missed (marks oldest first). */
export function hasTwoNoShowsInARow(marks: readonly Mark[]): boolean {
  return marks.length >= 2 && marks[marks.length - 1] === "no_show" && marks[marks.length - 2] === "no_show";
}

/**
 * After an attendance change: flag, clear or leave the stall flag.
 * Going to a session clears any flag; a second no-show in a row sets one;
 * undoing the mark that caused a "two no-shows" flag clears it again.
 */
export function attendanceStallChange(facts: {
  stalledReason: string | null;
  marks: readonly Mark[];
}): { flag: StallReason } | { clear: true } | null {
  const stalled = facts.stalledReason !== null;
  const last = facts.marks[facts.marks.length - 1];
  if (last === "attended") return stalled ? { clear: true } : null;
  if (hasTwoNoShowsInARow(facts.marks)) return stalled ? null : { flag: "two_no_shows" };
  if (facts.stalledReason === "two_no_shows") return { clear: true };
  return null;
}


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
