import { sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";

/**
 * Runs one report query with PostgreSQL's JIT compilation off. The planner
 * turns JIT on by estimated cost, and the reports' scans of the search log
 * and referrals cross that line: EXPLAIN ANALYZE on npm run bench:reports'
 * database showed 0.6–5.9 s of a query's time spent compiling it
 * (decision 074). Off for these queries only, in their own transaction;
 * PGlite has no JIT and ignores the setting.
 */
export async function withoutJit(db: Db, query: SQL): Promise<unknown> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return tx.execute(query);
  });
}
