import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * Every word stem (tsvector lexeme) of published activities, for correcting
 * misspelt search words ("walkng", "yogga") through the trigram index. Grown
 * by triggers on activities; stems no longer used are pruned by the worker,
 * and search checks a correction still matches before using it.
 */
export const searchLexemes = pgTable(
  "search_lexemes",
  { lexeme: text("lexeme").primaryKey() },
  (t) => [index("search_lexemes_trgm_idx").using("gist", sql`${t.lexeme} gist_trgm_ops`)],
);

/**
 * Every word as written (accents folded, lower case, 3+ letters) in published
 * activities, for correcting misspelt search words before stemming: whole
 * words tell typos apart far better than stems ("meditaion" is 0.62 similar to
 * "meditation", but its stem shares little with "medit"). Kept like
 * search_lexemes (migration search-words).
 */
export const searchWords = pgTable(
  "search_words",
  { word: text("word").primaryKey() },
  (t) => [index("search_words_trgm_idx").using("gist", sql`${t.word} gist_trgm_ops`)],
);

/** Demand for the gap map: what was looked for and roughly where; never who. */
export const searchLog = pgTable(
  "search_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz("at").notNull().defaultNow(),
    query: text("query"),
    categories: text("categories").array(),
    /** Rounded to about 1 km. */
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    resultCount: integer("result_count").notNull(),
  },
  (t) => [index("search_log_at_idx").on(t.at)],
);
