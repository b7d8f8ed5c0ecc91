/**
 * When to ask the person how they are now: after their 4th attended session,
 * or 6 weeks after their first, whichever comes first; once. Connection
 * actions count too: after 12 actions done, or 6 weeks after the first.
 */
import type { ReferralStatus } from "./lifecycle";
import { DAY_MS } from "~/utils/time";

export const FOLLOW_UP_AFTER_SESSIONS = 4;
export const FOLLOW_UP_AFTER_DAYS = 42;
export const FOLLOW_UP_AFTER_ACTIONS = 12;

/** People who said no, or whose referral was withdrawn, are not asked. */
const notAsked: readonly ReferralStatus[] = ["sent", "declined", "withdrawn", "expired"];

export function isFollowUpDue(
  facts: {
    status: ReferralStatus;
    attendedCount: number;
    firstAttendedAt: Date | null;
    followUpSentAt: Date | null;
    /** Connection actions the person said they did, and when the first was (its day's start). */
    actionsDone?: number;
    firstActionDoneAt?: Date | null;
  },
  now: Date,
): boolean {
  if (facts.followUpSentAt || notAsked.includes(facts.status)) return false;
  if (facts.attendedCount >= FOLLOW_UP_AFTER_SESSIONS || (facts.actionsDone ?? 0) >= FOLLOW_UP_AFTER_ACTIONS) return true;
  const first = [facts.firstAttendedAt, facts.firstActionDoneAt].filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0];
  return first !== undefined && now.getTime() - first.getTime() >= FOLLOW_UP_AFTER_DAYS * DAY_MS;
}
