/**
 * Emailed one-time links: `${id}.${secret}`, only SHA-256(secret) stored,
 * scoped to one purpose and one subject, expiring, and used at most once.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor } from "#db/client";
import { oneTimeTokens } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { newToken, secretMatches, splitToken } from "./secure-token.server";

export type TokenPurpose = (typeof oneTimeTokens.$inferSelect)["purpose"];
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;

export async function issueOneTimeToken(
  executor: Executor,
  input: { purpose: TokenPurpose; subjectId: string; ttlMs: number; payload?: Record<string, unknown>; now?: Date },
): Promise<string> {
  const at = input.now ?? clockNow();
  const { id, token, secretHash } = newToken();
  await executor.insert(oneTimeTokens).values({
    id,
    purpose: input.purpose,
    subjectId: input.subjectId,
    secretHash,
    payload: input.payload ?? null,
    createdAt: at,
    expiresAt: new Date(at.getTime() + input.ttlMs),
  });
  return token;
}

function usable(row: OneTimeToken | undefined, purpose: TokenPurpose, secret: string, at: Date): row is OneTimeToken {
  return Boolean(row && row.purpose === purpose && !row.usedAt && row.expiresAt > at && secretMatches(secret, row.secretHash));
}

/** The token's row if it is still usable, without using it (for the page that shows what the link is for). */
export async function findOneTimeToken(executor: Executor, purpose: TokenPurpose, token: string | null | undefined): Promise<OneTimeToken | null> {
  const parts = token ? splitToken(token) : null;
  if (!parts) return null;
  const [row] = await executor.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, parts.id));
  return usable(row, purpose, parts.secret, clockNow()) ? row : null;
}

/** Uses the token inside the caller's transaction (row locked, so two clicks cannot both succeed). */
export async function consumeOneTimeToken(tx: Executor, purpose: TokenPurpose, token: string | null | undefined): Promise<OneTimeToken | null> {
  const parts = token ? splitToken(token) : null;
  if (!parts) return null;
  const at = clockNow();
  const [row] = await tx.select().from(oneTimeTokens).where(eq(oneTimeTokens.id, parts.id)).for("update");
  if (!usable(row, purpose, parts.secret, at)) return null;
  await tx.update(oneTimeTokens).set({ usedAt: at }).where(eq(oneTimeTokens.id, row.id));
  return row;
}

/** Spends every open token of a purpose for a subject (a newer reset link replaces older ones). */
export async function revokeOneTimeTokens(executor: Executor, purpose: TokenPurpose, subjectId: string): Promise<void> {
  await executor
    .update(oneTimeTokens)
    .set({ usedAt: clockNow() })
    .where(and(eq(oneTimeTokens.purpose, purpose), eq(oneTimeTokens.subjectId, subjectId), isNull(oneTimeTokens.usedAt)));
}
