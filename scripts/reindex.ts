/**
 * npm run search:reindex — rebuilds the search index from the database:
 * refreshes every activity's session summary and, with Meilisearch
 * configured, writes every published activity into a fresh index that then
 * replaces the live one.
 */
import { closeDatabase } from "../db/client";
import { rebuildSearchIndex, getSearchIndex } from "../app/modules/activities/index.server";
import { loadConfig } from "./lib/config";

loadConfig();
const started = Date.now();
const backend = getSearchIndex().name;
const written = await rebuildSearchIndex();
console.log(
  backend === "postgres"
    ? `Search uses PostgreSQL: session summaries refreshed; there is no separate index to rebuild (${Date.now() - started} ms).`
    : `Meilisearch index rebuilt with ${written} activities (${Date.now() - started} ms).`,
);
await closeDatabase();
