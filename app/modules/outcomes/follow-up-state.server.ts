/**
 * Where a referral's follow-up wellbeing check stands, for the person's pages:
 * not sent yet, sent and waiting for their answers ("open"), or answered.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { outcomeResponses } from "#db/schema";

export type FollowUpState = "not_yet" | "open" | "answered";

export async function followUpState(executor: Executor, referral: { id: string; followUpSentAt: Date | null }): Promise<FollowUpState> {
  const answered = await executor
    .select({ id: outcomeResponses.id })
    .from(outcomeResponses)
    .where(and(eq(outcomeResponses.referralId, referral.id), eq(outcomeResponses.phase, "follow_up")))
    .limit(1);
  if (answered.length) return "answered";
  return referral.followUpSentAt ? "open" : "not_yet";
}
