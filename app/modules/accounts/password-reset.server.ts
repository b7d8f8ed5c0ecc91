/**
 * "Forgotten your password?": an emailed one-time link (hashed at rest,
 * single use, 45 minutes). The request page answers the same whether or not
 * the address has an account. Resetting signs the account out everywhere.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { queueEmail, renderEmail } from "~/modules/notifications/index.server";
import { publicUrl } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { type ClientContext } from "./client-context.server";
import { consumeOneTimeToken, findOneTimeToken, issueOneTimeToken, revokeOneTimeTokens } from "./one-time-tokens.server";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password-policy.server";
import { clearRateLimit, hitRateLimit, rateLimitRules, tooManyAttemptsMessage } from "./rate-limit.server";
import { invalidateUserSessions } from "./sessions.server";
import { MINUTE_MS } from "~/utils/time";

export const RESET_LINK_TTL_MS = 45 * MINUTE_MS;

export type ResetRequestResult = { ok: true } | { ok: false; message: string };

export async function requestPasswordReset(email: string, context: Partial<ClientContext> = {}): Promise<ResetRequestResult> {
  const address = email.trim().toLowerCase();
  for (const [rule, subject] of [
    [rateLimitRules.resetIp, context.ip ?? null],
    [rateLimitRules.resetEmail, address],
  ] as const) {
    const limit = await hitRateLimit(rule, subject);
    if (!limit.allowed) return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, address));
    if (!user) return;
    await revokeOneTimeTokens(tx, "password_reset", user.id);
    const token = await issueOneTimeToken(tx, { purpose: "password_reset", subjectId: user.id, ttlMs: RESET_LINK_TTL_MS });
    const body = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: [
        "Someone asked to reset the password for your Linkway account. If it was you, use the link below to choose a new password. It works once, for 45 minutes.",
        "If you did not ask for this, you can ignore this email: your password has not changed.",
      ],
      action: { label: "Choose a new password", url: `${publicUrl()}/reset-password/${encodeURIComponent(token)}` },
    });
    await queueEmail(tx, { to: address, subject: "Reset your Linkway password", ...body });
    await recordAudit({ action: "password.reset_requested", targetType: "user", targetId: user.id, ip: context.ip }, tx);
  });
  return { ok: true };
}

export async function isResetTokenUsable(token: string): Promise<boolean> {
  const db = await getDb();
  return Boolean(await findOneTimeToken(db, "password_reset", token));
}

export type ResetResult = { ok: true } | { ok: false; field?: "password"; message: string };

export const expiredResetLinkMessage =
  "This link has expired or has already been used. Ask for a new one from the sign-in page.";

export async function resetPassword(token: string, password: string, context: Partial<ClientContext> = {}): Promise<ResetResult> {
  const db = await getDb();
  const preview = await findOneTimeToken(db, "password_reset", token);
  if (!preview) return { ok: false, message: expiredResetLinkMessage };
  const [user] = await db.select().from(users).where(eq(users.id, preview.subjectId));
  if (!user) return { ok: false, message: expiredResetLinkMessage };
  const problem = passwordProblem(password, user);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(password);
  const done = await db.transaction(async (tx) => {
    const row = await consumeOneTimeToken(tx, "password_reset", token);
    if (!row) return false;
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.subjectId));
    await invalidateUserSessions(row.subjectId, { executor: tx });
    await clearRateLimit(rateLimitRules.signInAccount, user.email, tx);
    const body = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: [
        "The password for your Linkway account has just been changed using a reset link, and you have been signed out everywhere.",
        "If this was not you, reset your password again straight away and tell your organisation's owner.",
      ],
    });
    await queueEmail(tx, { to: user.email, subject: "Your Linkway password was changed", ...body });
    await recordAudit({ action: "password.reset", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip }, tx);
    return true;
  });
  return done ? { ok: true } : { ok: false, message: expiredResetLinkMessage };
}
