import type { Executor } from "#db/client";
import { enqueue } from "../notifications/outbox.server";

/**
 * Every change to an activity or its sessions calls this in the same
 * transaction, so an external search index (Meilisearch) catches up through
 * the outbox; the Postgres backend reads the tables directly and ignores it.
 */
export function queueActivityReindex(executor: Executor, activityId: string): Promise<void> {
  return enqueue(executor, "search", { activityId });
}
