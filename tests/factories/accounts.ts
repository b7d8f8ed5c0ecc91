/** Accounts for integration tests: real password hashes, TOTP keys and the emails the outbox holds. */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { outbox, users } from "../../db/schema";
import { hashPassword, newTotpKey } from "~/modules/accounts/index.server";
import { createUser } from "./index";

export const testPassword = "mauve otter gravel lantern";
let cachedHash: Promise<string> | undefined;

/** A user who can sign in with `testPassword` (the hash is made once per file, for speed). */
export async function createAccount(overrides: Partial<typeof users.$inferInsert> = {}) {
  cachedHash ??= hashPassword(testPassword);
  return createUser({ passwordHash: await cachedHash, emailVerifiedAt: new Date(), ...overrides });
}

export async function enableTotp(userId: string): Promise<Uint8Array> {
  const key = newTotpKey();
  const db = await getDb();
  await db.update(users).set({ totpKey: key, totpEnabledAt: new Date() }).where(eq(users.id, userId));
  return key;
}

export interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
}

/** Emails queued in the outbox for an address, oldest first. */
export async function emailsTo(address: string): Promise<QueuedEmail[]> {
  const db = await getDb();
  const rows = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.topic, "email"), sql`lower(${outbox.payload}->>'to') = ${address.toLowerCase()}`))
    .orderBy(asc(outbox.id));
  return rows.map((r) => r.payload as unknown as QueuedEmail);
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
