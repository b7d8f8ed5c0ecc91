/**
 * When missed sessions stall a referral: the person has not come twice in a
 * row, so the referrer should act. Pure rules over the person's answers;
 * referral-loop.server.ts gathers them and the referrals module writes the flag.
 */
import type { Mark } from "~/modules/bookings";
import type { StallReason } from "~/modules/referrals";

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
