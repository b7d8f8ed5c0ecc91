import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";

/**
 * Transactional outbox: emails, search-index changes and domain events are
 * written in the same transaction as the change that causes them; the worker
 * delivers them with retries.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** email | sms | search | event */
    topic: text("topic").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /**
     * Names what a message is about (e.g. one booking's attendance notice), so
     * a later change can take back a message that has not gone yet.
     */
    key: text("key"),
    availableAt: timestamptz("available_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    processedAt: timestamptz("processed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.topic, t.availableAt).where(sql`processed_at is null`),
    index("outbox_key_idx").on(t.key).where(sql`key is not null`),
  ],
);

/** Messages shown at /dev/mailbox when no SMTP server is configured. */
export const devMailbox = pgTable("dev_mailbox", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html"),
  createdAt: createdAt(),
});
