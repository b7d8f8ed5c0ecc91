/** What the outbox holds: emails queued for sending, as tests read them. */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { outbox } from "../../db/schema";

export interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
}

/** Every email queued, oldest first. */
export function queuedEmails(): Promise<QueuedEmail[]> {
  return read();
}

/** Emails queued for an address (compared case-insensitively), oldest first. */
export function emailsTo(address: string): Promise<QueuedEmail[]> {
  return read(address);
}

async function read(to?: string): Promise<QueuedEmail[]> {
  const db = await getDb();
  const rows = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.topic, "email"), to === undefined ? undefined : sql`lower(${outbox.payload}->>'to') = ${to.toLowerCase()}`))
    .orderBy(asc(outbox.id));
  return rows.map((r) => r.payload as unknown as QueuedEmail);
}
