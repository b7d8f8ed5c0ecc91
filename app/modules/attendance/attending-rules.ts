/**
 * Where attendance puts an open referral. Pure rules over facts; the server
 * code gathers the facts and moves the referral through the lifecycle.
 */
import type { ReferralStatus } from "~/modules/referrals";

/**
 * The first attended session makes a booked referral "attending". When the
 * marks change so that nothing is attended any more (the only "attended" was
 * undone, or corrected to "did not attend"), it goes back to "booked": the
 * booking whose mark changed is still live — marks and reports are only taken
 * on live bookings — so "booked" is what the remaining facts say.
 */
export function statusAfterAttendance(status: ReferralStatus, attendedCount: number): ReferralStatus | null {
  if (status === "booked" && attendedCount > 0) return "attending";
  if (status === "attending" && attendedCount === 0) return "booked";
  return null;
}
