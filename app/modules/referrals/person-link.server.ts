/**
 * The person's private link, /r/<token>. No account: the token is the key.
 *
 * Stored in one_time_tokens (purpose person_link, subject = the referral)
 * rather than in a column on referrals, because a referral needs more than
 * one live link: the secret is kept only as a SHA-256 hash, so every message
 * that carries a link (referral, booking confirmation, reminder, waitlist
 * offer) must mint a fresh one. Each is 130 random bits, scoped to this one
 * referral and expires with the referral's link (REFERRAL_LINK_DAYS).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { oneTimeTokens, referrals } from "#db/schema";
import { newToken, secretMatches, splitToken } from "~/modules/accounts/index.server";
import { env, publicUrl } from "~/utils/env.server";
import { DAY_MS } from "~/utils/time";
import { loadTokenWithContext, type Referral, type ReferralContext } from "./referral-context.server";

export function linkExpiryFrom(now: Date): Date {
  return new Date(now.getTime() + env().REFERRAL_LINK_DAYS * DAY_MS);
}

/** Mints a link for the referral; returns the full URL to send. */
export async function issuePersonLink(
  executor: Executor,
  referral: { id: string; linkExpiresAt: Date },
  now: Date,
): Promise<{ token: string; url: string }> {
  const { id, token, secretHash } = newToken();
  await executor.insert(oneTimeTokens).values({
    id,
    purpose: "person_link",
    secretHash,
    subjectId: referral.id,
    expiresAt: referral.linkExpiresAt,
    createdAt: now,
  });
  return { token, url: `${publicUrl()}/r/${token}` };
}

/** Why a link does not open. "ended": the link was ended on purpose (the person's details were removed). */
export type LinkProblem = { status: "expired" } | { status: "ended" } | { status: "invalid" };

export type OpenedLink = { status: "ok"; referral: Referral; context: ReferralContext | null } | LinkProblem;

/**
 * Checks a token: the right shape, a known id, the secret's hash matching in
 * constant time, not ended and not expired. A wrong secret looks exactly
 * like an unknown id ("invalid"), so guessing learns nothing; only the
 * holder of the real link learns that it was ended. The referral and its
 * context (null for a referral of connection actions only) come in the same
 * round trip; `lock` takes the referral's row lock, which every action from
 * the link holds.
 */
export async function openPersonLink(executor: Executor, token: string, now: Date, options: { lock?: boolean } = {}): Promise<OpenedLink> {
  const parts = splitToken(token);
  if (!parts) return { status: "invalid" };
  const found = await loadTokenWithContext(executor, parts.id, "person_link", options);
  if (!found || !secretMatches(parts.secret, found.token.secretHash)) return { status: "invalid" };
  if (found.token.usedAt) return { status: "ended" };
  if (found.token.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
  return { status: "ok", referral: found.referral, context: found.context };
}

/**
 * Ends every link the person holds for this referral (private links and
 * waitlist offers); the referral's own link lifetime ends too, so no later
 * message can mint a working one. Returns how many links were live.
 */
export async function endPersonLinks(executor: Executor, referralId: string, now: Date): Promise<number> {
  const ended = await executor
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(inArray(oneTimeTokens.purpose, ["person_link", "waitlist_offer"]), eq(oneTimeTokens.subjectId, referralId), isNull(oneTimeTokens.usedAt)))
    .returning({ id: oneTimeTokens.id });
  await executor.update(referrals).set({ linkExpiresAt: sql`least(${referrals.linkExpiresAt}, ${now.toISOString()}::timestamptz)` }).where(eq(referrals.id, referralId));
  return ended.length;
}

/** The referral a live link belongs to, or null (unknown, tampered, revoked or expired). */
export async function findReferralByPersonToken(
  executor: Executor,
  token: string | undefined,
  now: Date,
): Promise<typeof referrals.$inferSelect | null> {
  const link = token ? await openPersonLink(executor, token, now) : null;
  if (link?.status !== "ok" || link.referral.linkExpiresAt <= now) return null;
  return link.referral;
}

/**
 * Stretches the referral's link lifetime to at least `expiresAt` (never
 * shortens it), e.g. before a follow-up weeks later mints a fresh link.
 */
export async function extendPersonLink(
  executor: Executor,
  referralId: string,
  expiresAt: Date,
): Promise<{ id: string; linkExpiresAt: Date }> {
  const [row] = await executor
    .update(referrals)
    .set({ linkExpiresAt: sql`greatest(${referrals.linkExpiresAt}, ${expiresAt.toISOString()}::timestamptz)` })
    .where(eq(referrals.id, referralId))
    .returning({ id: referrals.id, linkExpiresAt: referrals.linkExpiresAt });
  return row;
}
