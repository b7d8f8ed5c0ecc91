import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
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

/** Texts shown at /dev/texts when no SMS provider is configured, and replies typed there as the person. */
export const devTexts = pgTable("dev_texts", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** "out" from Linkway to the number; "in" a reply from the number. */
  direction: text("direction", { enum: ["out", "in"] }).notNull().default("out"),
  to: text("to").notNull(),
  text: text("text").notNull(),
  createdAt: createdAt(),
});

/**
 * Every text handed to a provider: its reference (the idempotency key the
 * provider sees), the provider's id, and what became of it, so a failure can
 * be shown to whoever the text was about ("not delivered: number not in use").
 */
export const textMessages = pgTable(
  "text_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** linkway-<outbox id>: one per message, the same on every retry. */
    reference: text("reference").notNull(),
    /** The outbox key (e.g. person:<referral id>): what the text was about. */
    key: text("key"),
    to: text("to").notNull(),
    provider: text("provider").notNull(),
    providerId: text("provider_id"),
    status: text("status", { enum: ["sent", "delivered", "failed"] }).notNull().default("sent"),
    failure: text("failure"),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("text_messages_reference_key").on(t.reference), index("text_messages_key_idx").on(t.key), index("text_messages_provider_id_idx").on(t.providerId)],
);
