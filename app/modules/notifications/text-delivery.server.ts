/**
 * The text-message channel: texts queued in the outbox ("sms" topic) are
 * sent through the provider the environment names (text-providers.server.ts),
 * each recorded in text_messages with its reference and the provider's id,
 * so a delivery receipt can mark it delivered or failed and the failure can
 * be shown to whoever the text was about.
 *
 * A provider outage leaves texts queued: the outbox retries with backoff
 * (1, 2, 4 … minutes, up to 8 attempts) and never loses them; a permanent
 * refusal (a number not in use) is recorded at once and not retried.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { devTexts, textMessages } from "#db/schema";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { enqueue, ParkMessage, processOutbox, type EnqueueOptions } from "./outbox.server";
import { fitText } from "./text-length";
import type { Message } from "./templates";
import { PermanentTextFailure, textMode, textProviderFor, type TextProvider } from "./text-providers.server";

export interface TextMessage {
  to: string;
  /** The words; shortened if need be so the whole text fits in two segments. */
  text: string;
  /** Kept whole at the end: a link, "Reply STOP to stop these texts". */
  tail?: string;
}

/** Queues a text in the caller's transaction; the worker sends it. */
export function queueText(executor: Executor, message: TextMessage, options: EnqueueOptions = {}) {
  return enqueue(executor, "sms", { to: message.to, text: fitText(message.text, message.tail ?? "") }, options);
}

/** A message (see templates.ts) as a text: its opening line and reference, then its link, within two segments. */
export function queueTextMessage(executor: Executor, to: string, message: Message, options: EnqueueOptions = {}) {
  const { content } = message;
  const prose = [content.paragraphs[0], content.reference ? `Ref ${content.reference}.` : null].filter(Boolean).join(" ");
  return queueText(executor, { to, text: prose, tail: content.action?.url }, options);
}

/** The provider's reference for an outbox row: the same on every retry. */
export function textReference(outboxId: number): string {
  return `linkway-${outboxId}`;
}

/** Sends due texts through the configured provider (or `provider`, e.g. an adapter pointed at a test double). */
export async function deliverPendingTexts(options: { now?: Date; provider?: TextProvider | null } = {}): Promise<number> {
  const provider = options.provider !== undefined ? options.provider : textProviderFor(env());
  return processOutbox(
    "sms",
    async (payload, row, tx) => {
      if (!provider) {
        throw new Error("No SMS provider: set NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID (GOV.UK Notify) or SMS_HTTP_URL. Texts wait in the outbox until then.");
      }
      const to = String(payload.to);
      const reference = textReference(row.id);
      try {
        // The claim has counted this attempt: more than one means an earlier one may have reached the provider.
        const { providerId } = await provider.send({ to, body: String(payload.text), reference }, { executor: tx, retry: row.attempts > 1 });
        await tx
          .insert(textMessages)
          .values({ reference, key: row.key, to, provider: provider.name, providerId, status: "sent" })
          .onConflictDoUpdate({ target: textMessages.reference, set: { providerId, status: "sent", failure: null, updatedAt: new Date() } });
        logger.info({ provider: provider.name }, "text sent");
      } catch (error) {
        if (!(error instanceof PermanentTextFailure)) throw error;
        const failure = describeFailure("permanent-failure", error.message);
        // The failure row is what the referrer sees; it is written after the handler's writes are undone.
        throw new ParkMessage(error.message, async (outer) => {
          await outer
            .insert(textMessages)
            .values({ reference, key: row.key, to, provider: provider.name, status: "failed", failure })
            .onConflictDoUpdate({ target: textMessages.reference, set: { status: "failed", failure, updatedAt: new Date() } });
        });
      }
    },
    // Claimed first (see processOutbox), so a worker killed mid-send leaves a retry that looks before sending again.
    { now: options.now, claimMs: env().OUTBOX_CLAIM_SECONDS * 1000 },
  );
}

/** A provider's delivery status in words for a referrer. */
export function describeFailure(status: string, detail?: string | null): string {
  switch (status) {
    case "permanent-failure":
      return detail && /invalid|not a valid|not a uk mobile|not in use|does not exist/i.test(detail) ? "number not in use" : "number not in use, or the phone cannot take texts";
    case "temporary-failure":
      return "the phone was off or out of signal for too long";
    case "technical-failure":
      return "a problem with the text service";
    default:
      return detail ?? status;
  }
}

/**
 * A delivery receipt from the provider (Notify's callback shape: id,
 * reference, status). Unknown ids are ignored. Returns whether it matched.
 */
export async function recordTextStatus(receipt: { id?: string | null; reference?: string | null; status: string }): Promise<boolean> {
  const db = await getDb();
  const status = receipt.status === "delivered" ? "delivered" : /failure$/.test(receipt.status) ? "failed" : null;
  if (!status) return false;
  const match = receipt.reference ? eq(textMessages.reference, receipt.reference) : receipt.id ? eq(textMessages.providerId, receipt.id) : null;
  if (!match) return false;
  const updated = await db
    .update(textMessages)
    .set({ status, failure: status === "failed" ? describeFailure(receipt.status) : null, updatedAt: new Date() })
    .where(match)
    .returning({ id: textMessages.id });
  return updated.length > 0;
}

/** Forgets the record of texts with this key (their numbers): for when the person they were for asks to be forgotten. */
export async function forgetTexts(executor: Executor, key: string): Promise<number> {
  const gone = await executor.delete(textMessages).where(eq(textMessages.key, key)).returning({ id: textMessages.id });
  return gone.length;
}

/** Texts about these keys that did not arrive, newest first, with why. */
export async function listTextFailures(keys: string[]) {
  if (keys.length === 0) return [];
  const db = await getDb();
  return db
    .select({ to: textMessages.to, failure: textMessages.failure, at: textMessages.updatedAt })
    .from(textMessages)
    .where(and(inArray(textMessages.key, keys), eq(textMessages.status, "failed")))
    .orderBy(desc(textMessages.updatedAt))
    .limit(5);
}

/** The development text inbox, newest first (only when no provider is configured). */
export async function listDevTexts(options: { number?: string; limit?: number } = {}) {
  const db = await getDb();
  return db
    .select()
    .from(devTexts)
    .where(options.number ? eq(devTexts.to, options.number) : undefined)
    .orderBy(desc(devTexts.id))
    .limit(options.limit ?? 100);
}

/** A reply typed at /dev/texts as the person, kept beside the texts it answers. */
export async function recordDevReply(from: string, text: string) {
  const db = await getDb();
  await db.insert(devTexts).values({ direction: "in", to: from, text });
}

export function textsGoToDevInbox(): boolean {
  return textMode(env()) === "dev-inbox";
}

/**
 * Whether a text queued now reaches the person: through a provider, or (on a
 * site without a public production address) in the development text inbox,
 * as email reaches the development mailbox. Only a public site with no
 * provider leaves texts waiting; flows that would leave someone with only a
 * mobile number and nothing read this at run time.
 */
export function textsAreDelivered(): boolean {
  return textMode(env()) !== "unconfigured";
}
