/** Worker job: sessions, one-time links and rate-limit counters that can no longer be used are deleted. */
import { and, inArray, isNotNull, lt, or } from "drizzle-orm";
import { getDb } from "#db/client";
import { oneTimeTokens } from "#db/schema";
import { now } from "~/utils/clock.server";
import { pruneRateLimits } from "./rate-limit.server";
import { pruneExpiredSessions } from "./sessions.server";

/** Only the account purposes: people's private links and register links belong to their own modules. */
const accountPurposes = ["password_reset", "invitation", "email_change", "sign_up"] as const;

export async function pruneAuthData(at = now()): Promise<{ sessions: number; tokens: number; rateLimits: number }> {
  const db = await getDb();
  const dayAgo = new Date(at.getTime() - 24 * 3600_000);
  const tokens = await db
    .delete(oneTimeTokens)
    .where(
      and(
        inArray(oneTimeTokens.purpose, [...accountPurposes]),
        or(lt(oneTimeTokens.expiresAt, dayAgo), and(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.usedAt, dayAgo))),
      ),
    )
    .returning({ id: oneTimeTokens.id });
  return { sessions: await pruneExpiredSessions(at), tokens: tokens.length, rateLimits: await pruneRateLimits(at) };
}
