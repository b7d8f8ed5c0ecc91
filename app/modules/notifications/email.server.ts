import type { Transporter } from "nodemailer";
import { desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { devMailbox } from "#db/schema";
import { mailMode } from "./mail-mode";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { enqueue, processOutbox, type EnqueueOptions } from "./outbox.server";
import { renderEmail, type Message } from "./templates";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Queue an email in the caller's transaction; the worker sends it. */
export function queueEmail(executor: Executor, message: EmailMessage, options: EnqueueOptions = {}) {
  return enqueue(executor, "email", { ...message }, options);
}

/** Renders a message in the shared layout and queues it, in the caller's transaction. */
export function queueMessage(executor: Executor, to: string, message: Message, options: EnqueueOptions = {}) {
  return queueEmail(executor, { to, subject: message.subject, ...renderEmail(message.content) }, options);
}

/**
 * A channel delivers one kind of message; SMS can be added beside email.
 * `executor` is the worker's open transaction (the development mailbox writes through it).
 */
export interface Channel<M> {
  name: string;
  send(message: M, context?: { executor?: Executor; messageId?: string }): Promise<void>;
}

/**
 * One outbox row, one Message-ID, however often it is sent: after a worker
 * crash the retry repeats this id, so mail systems (and people's mail
 * programs) treat the second copy as the same message.
 */
export function messageIdFor(row: { id: number; createdAt: Date }, mailFrom: string): string {
  const domain = /@([^>\s]+)/.exec(mailFrom)?.[1] ?? "linkway.invalid";
  return `<outbox-${row.id}.${row.createdAt.getTime().toString(36)}@${domain}>`;
}

/** Made on the first send, for the SMTP_URL it was made with. */
let transporter: { url: string; transport: Transporter } | undefined;

/** SMTP_URL with timeouts well inside the outbox claim (nodemailer reads options from the query), unless it names its own. */
function smtpUrlWithTimeouts(url: string): string {
  const u = new URL(url);
  for (const [name, ms] of [["connectionTimeout", 30_000], ["greetingTimeout", 30_000], ["socketTimeout", 60_000]] as const) {
    if (!u.searchParams.has(name)) u.searchParams.set(name, String(ms));
  }
  return u.toString();
}

export const emailChannel: Channel<EmailMessage> = {
  name: "email",
  async send(message, context) {
    const e = env();
    const mode = mailMode(e);
    if (mode === "smtp") {
      // A stuck server fails the attempt before the claim lapses and another worker retries it.
      // nodemailer is loaded on the first send: a site that writes to the development mailbox never needs it.
      const url = smtpUrlWithTimeouts(e.SMTP_URL!);
      if (transporter?.url !== url) transporter = { url, transport: (await import("nodemailer")).default.createTransport(url) };
      await transporter.transport.sendMail({ from: e.MAIL_FROM, ...message, ...(context?.messageId ? { messageId: context.messageId } : {}) });
      return;
    }
    if (mode === "unconfigured") {
      throw new Error("SMTP_URL is not set: email cannot be sent from a public site. Set SMTP_URL to your mail server.");
    }
    const db = context?.executor ?? (await getDb());
    await db.insert(devMailbox).values({ to: message.to.toLowerCase(), subject: message.subject, text: message.text, html: message.html ?? null });
  },
};

export async function deliverPendingEmails(options: { now?: Date } = {}): Promise<number> {
  return processOutbox(
    "email",
    async (payload, row, tx) => {
      const message = payload as unknown as EmailMessage;
      await emailChannel.send(message, { executor: tx, messageId: messageIdFor(row, env().MAIL_FROM) });
      // Log the subject and message kind only: addresses are personal data.
      logger.info({ subject: message.subject }, "email sent");
    },
    // Sending leaves the database, so it is claimed first: a crash repeats the message, never loses it.
    { ...options, claimMs: env().OUTBOX_CLAIM_SECONDS * 1000 },
  );
}

/** The development mailbox, newest first (only used when SMTP is not configured). */
export async function listDevMailbox(options: { to?: string; limit?: number } = {}) {
  const db = await getDb();
  return db
    .select()
    .from(devMailbox)
    .where(options.to ? eq(devMailbox.to, options.to.toLowerCase()) : undefined)
    .orderBy(desc(devMailbox.id))
    .limit(options.limit ?? 100);
}
