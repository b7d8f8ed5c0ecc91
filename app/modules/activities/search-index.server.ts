import { getReadDb } from "#db/client";
import { createSearchIndex } from "#search/index";
import type { SearchIndex } from "#search/types";
import { env } from "~/utils/env.server";

let cached: { key: string; index: SearchIndex } | undefined;

/** The configured backend: Meilisearch when MEILI_URL is set, otherwise the database. */
export function getSearchIndex(): SearchIndex {
  const e = env();
  const key = JSON.stringify([e.MEILI_URL, e.MEILI_KEY, e.MEILI_INDEX]);
  if (cached?.key !== key) {
    cached = {
      key,
      index: createSearchIndex({ meiliUrl: e.MEILI_URL, meiliKey: e.MEILI_KEY, meiliIndex: e.MEILI_INDEX, getExecutor: getReadDb }),
    };
  }
  return cached.index;
}
