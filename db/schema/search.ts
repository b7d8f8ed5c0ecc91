import { doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

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
