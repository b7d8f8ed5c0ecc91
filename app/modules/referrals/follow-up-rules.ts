/**
 * When to ask the person how they are now: after their 4th attended session,
 * or 6 weeks after their first, whichever comes first; once.
 */
import type { ReferralStatus } from "./lifecycle";
import { DAY_MS } from "~/utils/time";

export const FOLLOW_UP_AFTER_SESSIONS = 4;
export const FOLLOW_UP_AFTER_DAYS = 42;

/** People who said no, or whose referral was withdrawn, are not asked. */
const notAsked: readonly ReferralStatus[] = ["sent", "declined", "withdrawn", "expired"];

export function isFollowUpDue(
  facts: {
    status: ReferralStatus;
    attendedCount: number;
    firstAttendedAt: Date | null;
    followUpSentAt: Date | null;
  },
  now: Date,
): boolean {
  if (facts.followUpSentAt || notAsked.includes(facts.status)) return false;
  if (facts.attendedCount >= FOLLOW_UP_AFTER_SESSIONS) return true;
  return facts.firstAttendedAt !== null && now.getTime() - facts.firstAttendedAt.getTime() >= FOLLOW_UP_AFTER_DAYS * DAY_MS;
}
