/** Attendance news for the referrer about one referral, through the referrals module's messaging. */
import type { Tx } from "#db/client";
import { lastDelivered, withdrawPending } from "~/modules/notifications/index.server";
import { attendanceNoticeMessage, attendanceWithdrawnMessage } from "./attendance-messages";
import type { Mark } from "~/modules/bookings/index.server";
import { messageReferrer, referrerMessageBase, loadReferralContext, type Referral as ReferralRow } from "~/modules/referrals/index.server";
import { MINUTE_MS } from "~/utils/time";

/**
 * Registers are kept on phones, often standing in a doorway: a wrong tap put
 * right within minutes should never reach the referrer. So the news waits this
 * long, and a change in that time replaces it instead of sending a second email.
 */
export const ATTENDANCE_NOTICE_DELAY_MS = 10 * MINUTE_MS;

/**
 * Tells the referrer the booking's answer changed: attended, did not attend,
 * or (mark null) taken back. A waiting email about the booking is withdrawn
 * first; one that already went is corrected, unless it already said this.
 * `replacedByAlert`: a stall alert went instead, so only the withdrawal applies.
 */
export async function noticeAttendanceChange(
  tx: Tx,
  referral: ReferralRow,
  input: { bookingId: string; when: string; mark: Mark | null; reportedBy: "organiser" | "person"; now: Date; replacedByAlert: boolean },
): Promise<void> {
  const key = `attendance-notice:${input.bookingId}`;
  await withdrawPending(tx, key);
  if (input.replacedByAlert) return;
  const ctx = await loadReferralContext(tx, referral.id);
  if (!ctx?.referrerEmail) return;

  const told = await lastDelivered(tx, key);
  const base = referrerMessageBase(ctx);
  const message = input.mark
    ? attendanceNoticeMessage({ ...base, when: input.when, mark: input.mark, reportedBy: input.reportedBy, corrects: told !== null })
    : told
      ? attendanceWithdrawnMessage({ ...base, when: input.when })
      : null;
  // Back to what the referrer was last told (a change undone after the email went): nothing new to say.
  if (!message || told?.subject === message.subject) return;
  await messageReferrer(tx, ctx, () => message, { key, availableAt: new Date(input.now.getTime() + ATTENDANCE_NOTICE_DELAY_MS) });
}
