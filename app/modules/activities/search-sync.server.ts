import { sql } from "drizzle-orm";
import { getDb, queryRows, type Executor } from "#db/client";
import { listPublishedActivityIds, loadActivityDocuments } from "#search/documents";
import { enqueue, processOutbox } from "~/modules/notifications/index.server";
import { getSearchIndex } from "./search-index.server";

/**
 * Every change to an activity or its sessions calls this in the same
 * transaction, so an external search index (Meilisearch) catches up through
 * the outbox; the Postgres backend reads the tables directly and ignores it.
 */
export function queueActivityReindex(executor: Executor, activityId: string): Promise<void> {
  return enqueue(executor, "search", { activityId });
}

/**
 * Worker job: applies queued changes to the external index, one activity per
 * message (processOutbox retries failures with backoff). With the Postgres
 * backend there is nothing to update, so messages are simply marked done.
 */
export async function syncSearchIndex(options: { limit?: number } = {}): Promise<number> {
  const index = getSearchIndex();
  const db = await getDb();
  return processOutbox(
    "search",
    async (payload) => {
      if (index.name === "postgres") return;
      const activityId = String(payload.activityId ?? "");
      const { documents, missing } = await loadActivityDocuments(db, [activityId]);
      await index.upsert(documents);
      await index.delete(missing);
    },
    { limit: options.limit ?? 200 },
  );
}

/**
 * Worker job: an activity's session summary (next session, next place free,
 * days and times) goes stale when its next session starts. Recompute those,
 * and let an external index know.
 */
export async function refreshSessionSummaries(options: { limit?: number } = {}): Promise<number> {
  const db = await getDb();
  const external = getSearchIndex().name !== "postgres";
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM activities WHERE next_session_at < now() ORDER BY next_session_at LIMIT ${options.limit ?? 1000}`,
    );
    if (rows.length === 0) return 0;
    const ids = `{${rows.map((r) => r.id).join(",")}}`;
    await tx.execute(sql`SELECT lw_refresh_session_summary(${ids}::uuid[])`);
    if (external) for (const r of rows) await queueActivityReindex(tx, r.id);
    return rows.length;
  });
}

/**
 * Worker job: forgets word stems no published activity uses any more, so
 * misspelt words are corrected only to words that still find something
 * (publishing adds stems at once, through triggers). Returns how many went.
 */
export async function pruneSpellingWords(): Promise<number> {
  const db = await getDb();
  const [row] = await queryRows<{ pruned: number }>(db, sql`SELECT lw_prune_search_lexemes() AS pruned`);
  return row.pruned;
}

/** Rebuilds the search index from scratch (npm run search:reindex); returns how many documents were written. */
export async function rebuildSearchIndex(options: { batchSize?: number } = {}): Promise<number> {
  const db = await getDb();
  // Summaries first, so documents (and the Postgres backend) start from fresh session data.
  await db.execute(sql`SELECT lw_refresh_session_summary(ARRAY(SELECT id FROM activities))`);
  const batchSize = options.batchSize ?? 1000;
  async function* batches() {
    let after: string | null = null;
    for (;;) {
      const ids = await listPublishedActivityIds(db, after, batchSize);
      if (ids.length === 0) return;
      yield (await loadActivityDocuments(db, ids)).documents;
      after = ids[ids.length - 1];
    }
  }
  return getSearchIndex().rebuild(batches());
}
