/**
 * Ten single-use recovery codes for when the authenticator is lost. Each has
 * 50 random bits, so a SHA-256 hash is enough at rest (a slow hash is for
 * guessable secrets).
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor } from "#db/client";
import { recoveryCodes } from "#db/schema";
import { now } from "~/utils/clock.server";
import { generateSecureRandomString, hashSecret } from "./secure-token.server";

export const RECOVERY_CODE_COUNT = 10;

function normalise(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Replaces the user's codes; returns the new ones to show once. */
export async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = generateSecureRandomString(50);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashSecret(normalise(code)) })));
  return codes;
}

/** Uses a code: true once, false for a wrong or already-used code. */
export async function spendRecoveryCode(tx: Executor, userId: string, code: string): Promise<boolean> {
  const normalised = normalise(code);
  if (normalised.length !== 10) return false;
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashSecret(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function countUnusedRecoveryCodes(executor: Executor, userId: string): Promise<number> {
  const rows = await executor
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

export async function deleteRecoveryCodes(tx: Executor, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
