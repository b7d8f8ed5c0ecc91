import nodemailer, { type Transporter } from "nodemailer";
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
  send(message: M, context?: { executor?: Executor }): Promise<void>;
}

let transporter: Transporter | undefined;

export const emailChannel: Channel<EmailMessage> = {
  name: "email",
  async send(message, context) {
    const e = env();
    const mode = mailMode(e);
    if (mode === "smtp") {
      transporter ??= nodemailer.createTransport(e.SMTP_URL!);
      await transporter.sendMail({ from: e.MAIL_FROM, ...message });
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
    async (payload, _row, tx) => {
      const message = payload as unknown as EmailMessage;
      await emailChannel.send(message, { executor: tx });
      // Log the subject and message kind only: addresses are personal data.
      logger.info({ subject: message.subject }, "email sent");
    },
    options,
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
