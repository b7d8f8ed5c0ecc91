import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession } from "./sessions.server";

// Verifying against a real hash when the account does not exist keeps the
// response time the same, so timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; needsTwoFactor: boolean }
  | { ok: false };

/** Checks the password and opens a new session (a fresh id on every sign-in). */
export async function signInWithPassword(
  input: { email: string; password: string },
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<SignInResult> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()));
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy password for timing");
    await verifyPassword(await decoyHash, input.password);
    return { ok: false };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false };
  const needsTwoFactor = Boolean(user.totpEnabledAt);
  const { token, session } = await createSession(user.id, { ...context, twoFactorVerified: false });
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id, needsTwoFactor };
}
