/**
 * The transactional outbox. Write a message in the same transaction as the
 * change that causes it; the worker delivers it afterwards, with retries, so
 * a rolled-back change never sends mail and a failed send never loses it.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "#db/client";
import { outbox } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { DAY_MS, MINUTE_MS } from "~/utils/time";

export type OutboxTopic = "email" | "sms" | "search" | "event";
export type OutboxRow = typeof outbox.$inferSelect;

export const MAX_ATTEMPTS = 8;

export interface EnqueueOptions {
  /** Not before this time (the app's clock, like the worker that delivers it). */
  availableAt?: Date;
  /** What the message is about, so a later change can take it back while it waits (withdrawPending). */
  key?: string;
}

export async function enqueue(executor: Executor, topic: OutboxTopic, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await executor.insert(outbox).values({ topic, payload, availableAt: options.availableAt ?? clockNow(), key: options.key ?? null });
}

/** Takes back messages with this key that have not been delivered yet; returns how many. */
export async function withdrawPending(executor: Executor, key: string): Promise<number> {
  const gone = await executor
    .delete(outbox)
    .where(and(eq(outbox.key, key), isNull(outbox.processedAt)))
    .returning({ id: outbox.id });
  return gone.length;
}

/**
 * Forgets every message with this key, waiting or already sent (a sent one
 * still keeps its address): for when the person it was for asks to be
 * forgotten. Returns how many rows went.
 */
export async function forgetMessages(executor: Executor, key: string): Promise<number> {
  const gone = await executor.delete(outbox).where(eq(outbox.key, key)).returning({ id: outbox.id });
  return gone.length;
}

/** The newest delivered message with this key (parked failures do not count), or null. */
export async function lastDelivered(executor: Executor, key: string): Promise<Record<string, unknown> | null> {
  const [row] = await executor
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.key, key), isNotNull(outbox.processedAt), isNull(outbox.lastError)))
    .orderBy(desc(outbox.id))
    .limit(1);
  return row?.payload ?? null;
}

/**
 * What a settled (sent, parked or discarded) message keeps: the address and
 * subject, for support and for corrections (lastDelivered), never the body.
 * Bodies hold people's private links, which are stored only hashed everywhere else.
 */
const settledPayload = sql`CASE WHEN ${outbox.topic} IN ('email', 'sms')
  THEN jsonb_strip_nulls(jsonb_build_object('to', ${outbox.payload} -> 'to', 'subject', ${outbox.payload} -> 'subject'))
  ELSE ${outbox.payload} END`;

/** Exponential backoff: 1, 2, 4 … minutes, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;
}

/**
 * Delivers up to `limit` due messages of a topic. Each message is handled in
 * its own transaction with its row locked, so two workers never handle one at
 * the same time. The handler gets that transaction (as a savepoint, so a
 * failed handler's writes are undone): on PGlite, a single connection, any
 * query made outside it would wait for the open transaction forever. `match`
 * narrows the rows, so several consumers can share the "event" topic, each
 * taking its own kind. Returns how many were delivered.
 *
 * Messages that leave the database (email, texts) pass `claimMs`: the row is
 * first claimed in a transaction of its own (its attempt counted, its due time
 * pushed `claimMs` ahead) and only then sent and confirmed. A worker killed
 * mid-send therefore leaves a claim that lapses, and the next worker sends the
 * same message again with the same `row.id` (emails carry it as their
 * Message-ID): at-least-once, never a silent loss and never a new identity.
 * Without a claim, a crash after the mail server took the message but before
 * the commit rolled the row back to "never tried", and every retry looked new.
 */
export async function processOutbox(
  topic: OutboxTopic,
  handler: (payload: Record<string, unknown>, row: OutboxRow, tx: Tx) => Promise<void>,
  options: { limit?: number; now?: Date; match?: SQL; claimMs?: number } = {},
): Promise<number> {
  const db = await getDb();
  const now = options.now ?? clockNow();
  let delivered = 0;
  for (let i = 0; i < (options.limit ?? 50); i++) {
    let claimed: OutboxRow | null = null;
    if (options.claimMs !== undefined) {
      claimed = await claimNext(topic, now, options.claimMs, options.match);
      if (!claimed) break;
      if (claimed === GAVE_UP) continue;
    }
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(
          claimed
            ? and(eq(outbox.id, claimed.id), isNull(outbox.processedAt))
            : and(eq(outbox.topic, topic), isNull(outbox.processedAt), lte(outbox.availableAt, now), options.match),
        )
        .orderBy(asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      // A claimed row can vanish meanwhile (withdrawn, or a slow first sender confirmed it): nothing to do.
      if (!row) return claimed ? false : null;
      // A claim has already counted this attempt.
      const attempts = claimed ? row.attempts : row.attempts + 1;
      try {
        await tx.transaction((savepoint) => handler(row.payload, row, savepoint));
        await tx
          .update(outbox)
          .set({ processedAt: new Date(), attempts, lastError: null, payload: settledPayload })
          .where(eq(outbox.id, row.id));
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: message.slice(0, 1000),
            // After the last attempt the message is parked (processed, with its error) for a person to look at.
            processedAt: attempts >= MAX_ATTEMPTS ? new Date() : null,
            ...(attempts >= MAX_ATTEMPTS ? { payload: settledPayload } : {}),
            availableAt: new Date(now.getTime() + retryDelayMs(attempts)),
          })
          .where(eq(outbox.id, row.id));
        return false;
      }
    });
    if (done === null) break;
    if (done) delivered++;
  }
  return delivered;
}

const GAVE_UP = { id: -1 } as OutboxRow;

/**
 * Claims the next due message of a topic for `claimMs` and commits at once,
 * so the claim outlives a crash. A message whose claims have lapsed
 * MAX_ATTEMPTS times (each one a worker that died sending it) is parked
 * instead: something about it kills workers, and a person should look.
 */
async function claimNext(topic: OutboxTopic, now: Date, claimMs: number, match?: SQL): Promise<OutboxRow | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, topic), isNull(outbox.processedAt), lte(outbox.availableAt, now), match))
      .orderBy(asc(outbox.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return null;
    if (row.attempts >= MAX_ATTEMPTS) {
      await tx
        .update(outbox)
        .set({
          processedAt: new Date(),
          lastError: row.lastError ?? "gave up: every attempt to send it was interrupted",
          payload: settledPayload,
        })
        .where(eq(outbox.id, row.id));
      return GAVE_UP;
    }
    const [taken] = await tx
      .update(outbox)
      .set({ attempts: row.attempts + 1, availableAt: new Date(now.getTime() + claimMs) })
      .where(eq(outbox.id, row.id))
      .returning();
    return taken ?? null;
  });
}

/** The newest outbox row's id (0 when there is none): where a batch of writes starts. */
export async function lastOutboxId(executor: Executor): Promise<number> {
  const [row] = await executor.select({ id: sql<number | null>`max(${outbox.id})` }).from(outbox);
  return Number(row?.id ?? 0);
}

/**
 * Settles messages still waiting after `afterId` without sending them, the
 * reason kept as their last error. For the demo's made-up history: its
 * messages are written like any others, but nobody should receive them.
 * Returns how many were settled.
 */
export async function discardPendingMessages(
  executor: Executor,
  input: { afterId: number; topics: OutboxTopic[]; reason: string },
): Promise<number> {
  const settled = await executor
    .update(outbox)
    .set({ processedAt: new Date(), lastError: input.reason, payload: settledPayload })
    .where(and(gt(outbox.id, input.afterId), inArray(outbox.topic, input.topics), isNull(outbox.processedAt)))
    .returning({ id: outbox.id });
  return settled.length;
}

export async function countPending(topic: OutboxTopic): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.topic, topic), isNull(outbox.processedAt)));
  return row?.n ?? 0;
}

/**
 * Forgets settled messages older than `days` (OUTBOX_RETENTION_DAYS): after
 * that nobody needs to know an email went. Returns how many rows went.
 */
export async function pruneSettledMessages(options: { days: number; now?: Date }): Promise<number> {
  const db = await getDb();
  const before = new Date((options.now ?? clockNow()).getTime() - options.days * DAY_MS);
  const gone = await db
    .delete(outbox)
    .where(and(isNotNull(outbox.processedAt), lt(outbox.processedAt, before)))
    .returning({ id: outbox.id });
  return gone.length;
}
