/**
 * "Needs attention first" for a referrer's caseload: stalled, then declined,
 * then a missed last session, then waiting on someone, then going well, then
 * closed. Lower ranks come first.
 */
import type { ReferralStatus } from "../referrals/lifecycle";
import type { Mark } from "./effective-attendance";

export function needsAttentionRank(referral: {
  status: ReferralStatus;
  stalledAt: Date | string | null;
  lastMark?: Mark | null;
}): number {
  const open = !["completed", "withdrawn", "expired", "declined", "disengaged"].includes(referral.status);
  if (referral.stalledAt && open) return 0;
  if (referral.status === "declined") return 1;
  if (open && referral.lastMark === "no_show") return 2;
  if (referral.status === "disengaged" || referral.status === "expired") return 3;
  if (referral.status === "sent" || referral.status === "accepted") return 4;
  if (referral.status === "booked" || referral.status === "attending") return 5;
  return 6;
}
