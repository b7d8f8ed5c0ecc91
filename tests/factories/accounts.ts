/** Accounts for integration tests: real password hashes, TOTP keys and the emails the outbox holds. */
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { type Actor, hashPassword, newTotpKey } from "~/modules/accounts/index.server";
import { createUser } from "./index";
import { emailsTo } from "./mail";

export const testPassword = "mauve otter gravel lantern";
let cachedHash: Promise<string> | undefined;

/**
 * A user who can sign in with `testPassword`. The hash is made once per run by
 * the global set-up (argon2id takes seconds on a busy machine), else once per file.
 */
export async function createAccount(overrides: Partial<typeof users.$inferInsert> = {}) {
  const madeOnce = process.env.TEST_PASSWORD_HASH;
  cachedHash ??= madeOnce ? Promise.resolve(madeOnce) : hashPassword(testPassword);
  return createUser({ passwordHash: await cachedHash, emailVerifiedAt: new Date(), ...overrides });
}

export async function enableTotp(userId: string): Promise<Uint8Array> {
  const key = newTotpKey();
  const db = await getDb();
  await db.update(users).set({ totpKey: key, totpEnabledAt: new Date() }).where(eq(users.id, userId));
  return key;
}

/** The path of the first link in the newest email to an address whose path starts with `prefix`. */
export async function linkFromEmail(address: string, prefix: string): Promise<string> {
  const emails = await emailsTo(address);
  for (const email of emails.reverse()) {
    const match = new RegExp(`https?://[^\\s]+(${prefix.replace(/[/.]/g, "\\$&")}[^\\s]*)`).exec(email.text);
    if (match) return match[1];
  }
  throw new Error(`no email to ${address} with a link to ${prefix}`);
}

/** Someone asking for a change of access, as the verbs see them: signed in just now unless told otherwise. */
export function actorFor(userId: string, signedInAt: Date = new Date()): Actor {
  return { userId, signedInAt, ip: "192.0.2.1" };
}
