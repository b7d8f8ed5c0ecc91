/**
 * Picks the search backend: Meilisearch when a URL is configured, otherwise
 * PostgreSQL (or PGlite) through the app's database. Configuration arrives as
 * arguments: search/ reads nothing from app/.
 */
import type { Executor } from "../db/client";
import { createMeiliSearchIndex } from "./meilisearch";
import { createPostgresSearchIndex } from "./postgres";
import type { SearchIndex } from "./types";

export type { SearchIndex } from "./types";

export interface SearchConfig {
  meiliUrl?: string;
  meiliKey?: string;
  meiliIndex: string;
  getExecutor: () => Promise<Executor>;
}

export function createSearchIndex(config: SearchConfig): SearchIndex {
  if (config.meiliUrl) return createMeiliSearchIndex({ url: config.meiliUrl, key: config.meiliKey, index: config.meiliIndex });
  return createPostgresSearchIndex(config.getExecutor);
}
