/**
 * The transactional outbox. Write a message in the same transaction as the
 * change that causes it; the worker delivers it afterwards, with retries, so
 * a rolled-back change never sends mail and a failed send never loses it.
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "#db/client";
import { outbox } from "#db/schema";

export type OutboxTopic = "email" | "sms" | "search" | "event";
export type OutboxRow = typeof outbox.$inferSelect;

export const MAX_ATTEMPTS = 8;

export async function enqueue(
  executor: Executor,
  topic: OutboxTopic,
  payload: Record<string, unknown>,
  options: { availableAt?: Date } = {},
): Promise<void> {
  await executor.insert(outbox).values({ topic, payload, availableAt: options.availableAt ?? new Date() });
}

/** Exponential backoff: 1, 2, 4 … minutes, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Delivers up to `limit` due messages of a topic. Each message is handled in
 * its own transaction with its row locked, so two workers never send one twice.
 * The handler gets that transaction (as a savepoint, so a failed handler's
 * writes are undone): on PGlite, a single connection, any query made outside
 * it would wait for the open transaction forever. `match` narrows the rows,
 * so several consumers can share the "event" topic, each taking its own kind.
 * Returns how many were delivered.
 */
export async function processOutbox(
  topic: OutboxTopic,
  handler: (payload: Record<string, unknown>, row: OutboxRow, tx: Tx) => Promise<void>,
  options: { limit?: number; now?: Date; match?: SQL } = {},
): Promise<number> {
  const db = await getDb();
  const now = options.now ?? new Date();
  let delivered = 0;
  for (let i = 0; i < (options.limit ?? 50); i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.topic, topic), isNull(outbox.processedAt), lte(outbox.availableAt, now), options.match))
        .orderBy(asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return null;
      try {
        await tx.transaction((savepoint) => handler(row.payload, row, savepoint));
        await tx.update(outbox).set({ processedAt: new Date(), attempts: row.attempts + 1, lastError: null }).where(eq(outbox.id, row.id));
        return true;
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: message.slice(0, 1000),
            // After the last attempt the message is parked (processed, with its error) for a person to look at.
            processedAt: attempts >= MAX_ATTEMPTS ? new Date() : null,
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
    .set({ processedAt: new Date(), lastError: input.reason })
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
