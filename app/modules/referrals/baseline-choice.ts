/**
 * How a referral's "before" wellbeing check is done. Chosen on the referral
 * form, so a missing baseline is a decision with a reason, never an oversight.
 */
import type { baselineChoices as storedChoices } from "#db/schema/referrals";

export const baselineChoices = ["now", "by_link", "not_appropriate"] as const;

export type BaselineChoice = (typeof baselineChoices)[number];

// The column's values and these must be the same list (this file stays browser-safe, so it cannot import the table).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsColumn: Same<BaselineChoice, (typeof storedChoices)[number]> = true;
void sameAsColumn;

export const baselineChoiceLabels: Record<BaselineChoice, string> = {
  now: "Ask the questions now, together",
  by_link: "They will answer by link: the questions come first in their message and on their page",
  not_appropriate: "Not appropriate for this person",
};
