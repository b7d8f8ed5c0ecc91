/** Emails to the referrer about one referral (attendance news, stall alerts). */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { activities, users } from "#db/schema";
import { attendanceNoticeEmail, stalledAlertEmail } from "../notifications/attendance-emails";
import { queueEmail } from "../notifications/email.server";
import { publicUrl } from "~/utils/env.server";
import type { Referral as ReferralRow } from "../referrals/transition-referral.server";
import { stallNextSteps, stallReasonLabels, type StallReason } from "./stall-rules";

async function referrerEmail(executor: Executor, referral: ReferralRow): Promise<string | null> {
  if (!referral.referrerUserId) return null;
  const [row] = await executor.select({ email: users.email }).from(users).where(eq(users.id, referral.referrerUserId));
  return row?.email ?? null;
}

async function activityTitle(executor: Executor, activityId: string): Promise<string> {
  const [row] = await executor.select({ title: activities.title }).from(activities).where(eq(activities.id, activityId));
  return row?.title ?? "the activity";
}

export const referralUrl = (referralId: string) => `${publicUrl()}/referrals/${referralId}`;

export async function queueAttendanceNotice(
  executor: Executor,
  referral: ReferralRow,
  input: { when: string; mark: "attended" | "no_show"; reportedBy: "organiser" | "person" },
): Promise<void> {
  const to = await referrerEmail(executor, referral);
  if (!to) return;
  const email = attendanceNoticeEmail({
    firstName: referral.patientFirstName,
    code: referral.code,
    activityTitle: await activityTitle(executor, referral.activityId),
    when: input.when,
    mark: input.mark,
    reportedBy: input.reportedBy,
    referralUrl: referralUrl(referral.id),
  });
  await queueEmail(executor, { to, ...email });
}

export async function queueStallAlert(executor: Executor, referral: ReferralRow, reason: StallReason): Promise<void> {
  const to = await referrerEmail(executor, referral);
  if (!to) return;
  const email = stalledAlertEmail({
    firstName: referral.patientFirstName,
    code: referral.code,
    activityTitle: await activityTitle(executor, referral.activityId),
    reason: stallReasonLabels[reason],
    nextSteps: stallNextSteps[reason],
    referralUrl: referralUrl(referral.id),
  });
  await queueEmail(executor, { to, ...email });
}
