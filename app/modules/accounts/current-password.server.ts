/**
 * Re-checking the current password before a sensitive change (password,
 * email, two-step sign-in, deleting the account). Wrong answers are limited
 * per account, so a borrowed unlocked screen cannot be used to guess.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { recordAudit } from "./audit.server";
import { verifyPassword } from "./password.server";
import { clearRateLimit, hitRateLimit, peekRateLimit, rateLimitRules, tooManyAttemptsMessage } from "./rate-limit.server";

export type PasswordCheck = { ok: true } | { ok: false; message: string };

export async function checkCurrentPassword(userId: string, password: string, ip?: string | null): Promise<PasswordCheck> {
  const limit = await peekRateLimit(rateLimitRules.passwordCheckUser, userId);
  if (!limit.allowed) return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (user?.passwordHash && (await verifyPassword(user.passwordHash, password))) {
    await clearRateLimit(rateLimitRules.passwordCheckUser, userId);
    return { ok: true };
  }
  await hitRateLimit(rateLimitRules.passwordCheckUser, userId);
  await recordAudit({ action: "password.check_failed", actorUserId: userId, targetType: "user", targetId: userId, ip });
  return { ok: false, message: "That is not your current password" };
}
