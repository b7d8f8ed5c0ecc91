/** Emails to the referrer about one referral (attendance news, stall alerts), through the referrals module's messaging. */
import type { Tx } from "#db/client";
import { attendanceNoticeEmail, stalledAlertEmail } from "../notifications/attendance-emails";
import { messageReferrer } from "../referrals/notify.server";
import { loadReferralContext } from "../referrals/referral-context.server";
import type { Referral as ReferralRow } from "../referrals/transition-referral.server";
import { stallNextSteps, stallReasonLabels, type StallReason } from "./stall-rules";

export async function queueAttendanceNotice(
  tx: Tx,
  referral: ReferralRow,
  input: { when: string; mark: "attended" | "no_show"; reportedBy: "organiser" | "person" },
): Promise<void> {
  const ctx = await loadReferralContext(tx, referral.id);
  if (ctx) await messageReferrer(tx, ctx, (base) => attendanceNoticeEmail({ ...base, ...input }));
}

export async function queueStallAlert(tx: Tx, referral: ReferralRow, reason: StallReason): Promise<void> {
  const ctx = await loadReferralContext(tx, referral.id);
  if (ctx) {
    await messageReferrer(tx, ctx, (base) => stalledAlertEmail({ ...base, reason: stallReasonLabels[reason], nextSteps: stallNextSteps[reason] }));
  }
}
