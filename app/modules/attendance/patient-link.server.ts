/**
 * The person's private link (/r/:token): a patient_link token scoped to one
 * referral. Issue 6 creates the first link when the referral is made; this
 * module resolves links for the person's own pages here (self-report,
 * wellbeing check) and issues a fresh one when we write to them later.
 * TODO(lead): dedupe with the referrals module's resolver when merging.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { oneTimeTokens, referrals } from "#db/schema";
import { newToken, secretMatches, splitToken } from "../accounts/secure-token.server";
import { now as clockNow } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";

export type ReferralRow = typeof referrals.$inferSelect;

/** The referral a live patient link belongs to, or null (unknown, tampered, revoked or expired). */
export async function findReferralByPatientToken(
  token: string | undefined,
  options: { now?: Date; executor?: Executor } = {},
): Promise<ReferralRow | null> {
  const parts = token ? splitToken(token) : null;
  if (!parts) return null;
  const executor = options.executor ?? (await getDb());
  const now = options.now ?? clockNow();
  const [row] = await executor
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.id, parts.id), eq(oneTimeTokens.purpose, "patient_link"), isNull(oneTimeTokens.usedAt)));
  if (!row || !secretMatches(parts.secret, row.secretHash) || row.expiresAt <= now) return null;
  const [referral] = await executor.select().from(referrals).where(eq(referrals.id, row.subjectId));
  if (!referral || referral.linkExpiresAt <= now) return null;
  return referral;
}

/**
 * A new link for a referral, e.g. in the follow-up email: tokens are stored
 * hashed, so an earlier link cannot be recovered to send again. The
 * referral's link lifetime is stretched to cover it, never shortened.
 */
export async function issuePatientLink(
  executor: Executor,
  referralId: string,
  expiresAt: Date,
): Promise<{ token: string; url: string }> {
  const { id, token, secretHash } = newToken();
  await executor.insert(oneTimeTokens).values({ id, purpose: "patient_link", secretHash, subjectId: referralId, expiresAt });
  await executor
    .update(referrals)
    .set({ linkExpiresAt: sql`greatest(${referrals.linkExpiresAt}, ${expiresAt.toISOString()}::timestamptz)` })
    .where(eq(referrals.id, referralId));
  return { token, url: `${publicUrl()}/r/${token}` };
}
