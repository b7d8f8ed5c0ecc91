import { sql } from "drizzle-orm";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDatabase, queryRows } from "#db/client";
import { migrationsFolder } from "#db/migrate";
import { workerLiveness } from "~/modules/worker/index.server";
import { checkHealth } from "./health.server";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unavailable";
  /** "behind": this code has migrations the database has not run (start-up or `npm run db:migrate` runs them). */
  migrations: "current" | "behind" | "unknown";
  /** "stale": no worker has beaten within WORKER_STALE_SECONDS (30 s), so emails and reminders are not going out. */
  worker: "fresh" | "stale";
}

/**
 * Whether this process should be sent traffic: the database answers, its
 * migrations are this code's, and some worker (here or elsewhere) is alive.
 * Never throws; details stay out of the answer.
 */
export async function checkReadiness(): Promise<Readiness> {
  const health = await checkHealth();
  if (health.status !== "ok") return { ready: false, database: "unavailable", migrations: "unknown", worker: "stale" };
  const db = (await getDatabase()).db;
  let migrations: Readiness["migrations"];
  try {
    const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    const newest = Math.max(...journal.entries.map((e) => e.when));
    const [row] = await queryRows<{ last: string | number | null }>(db, sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
    migrations = Number(row?.last ?? 0) >= newest ? "current" : "behind";
  } catch {
    migrations = "unknown";
  }
  const worker = (await workerLiveness().catch(() => ({ live: 0 }))).live > 0 ? "fresh" : "stale";
  return { ready: migrations === "current" && worker === "fresh", database: "ok", migrations, worker };
}
