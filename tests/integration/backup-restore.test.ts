/**
 * Issue 18.4's restore drill: back up the demo site, restore it into an empty
 * database, and the site answers the same (every table's rows, the public
 * search API and an activity's page data). On PostgreSQL through pg_dump and
 * pg_restore, on PGlite through its data-directory dump.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, getDatabase, queryRows, type Executor } from "../../db/client";
import { flushSearchLog } from "~/modules/activities/index.server";
import { loadDemoDataIfEmpty } from "~/modules/demo/index.server";
import { loader as searchApi } from "~/routes/api.search/route";
import { RestoreRefused, backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { adminQuery, withDatabase } from "../setup/test-database";

const server = process.env.TEST_SERVER_DATABASE_URL;
const dir = mkdtempSync(path.join(os.tmpdir(), "linkway-backup-"));
const restoredName = `lw_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const savedEnv = { ...process.env };

afterAll(async () => {
  // The search made on the restored database is still queued for the log: written there now. Left queued, the
  // set-up's own flush (per-file-database.ts) would run after the environment below is put back, and open the
  // default data directory to write it (in CI: "Database already exists, cannot load from tarball").
  await flushSearchLog();
  await closeDatabase();
  process.env = savedEnv;
  if (server) await adminQuery(server, `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

/** Every public table's row count and a digest of its rows. */
async function fingerprint(executor: Executor): Promise<Record<string, string>> {
  const tables = await queryRows<{ t: string }>(executor, sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`);
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      executor,
      sql.raw(`select count(*)::int as n, md5(string_agg(md5(x::text), ',' order by md5(x::text))) as h from "${t}" x`),
    );
    out[t] = `${row!.n}:${row!.h ?? ""}`;
  }
  return out;
}

async function searchAnswer(): Promise<unknown> {
  const response = await searchApi({ request: new Request("http://localhost:3000/api/search?q=walk"), params: {}, context: { cspNonce: "" } });
  return (response as Response).json();
}

describe("backup and restore drill", () => {
  it("restores the demo into an empty database that answers the same", async () => {
    expect(await loadDemoDataIfEmpty()).toBe(true);
    const original = await getDatabase();
    const answer = await searchAnswer();
    expect(JSON.stringify(answer)).toContain("Walk");
    // After the search, which logs itself (search_log) like any other. The log is written in batches up to a second
    // later; written now, so it cannot land between the fingerprint and the backup (it once did, on PostgreSQL).
    await flushSearchLog();
    const before = await fingerprint(original.db);
    expect(Number(before.organisations!.split(":")[0])).toBeGreaterThan(0);

    const file = path.join(dir, "backup");
    if (server) {
      await backupDatabase({ url: process.env.DATABASE_URL! }, file);
      await adminQuery(server, `CREATE DATABASE ${restoredName}`);
      const restoredUrl = withDatabase(server, restoredName);
      await restoreDatabase({ url: restoredUrl }, file);
      // A second restore over it is refused: restores only go into an empty database.
      await expect(restoreDatabase({ url: restoredUrl }, file)).rejects.toThrow(RestoreRefused);
      await closeDatabase();
      process.env.DATABASE_URL = restoredUrl;
    } else {
      await backupDatabase({ handle: original }, file);
      const dataDir = path.join(dir, "restored");
      await restoreDatabase({ dataDir }, file);
      await expect(restoreDatabase({ dataDir }, file)).rejects.toThrow(RestoreRefused);
      await closeDatabase();
      process.env.PGLITE_DATA_DIR = dataDir;
      delete process.env.PGLITE_TEMPLATE;
    }

    const restored = await getDatabase();
    expect(await fingerprint(restored.db)).toEqual(before);
    expect(await searchAnswer()).toEqual(answer);
  }, 240_000);

  it("refuses a backup that is not there", async () => {
    await expect(restoreDatabase({ dataDir: path.join(dir, "nowhere") }, path.join(dir, "missing"))).rejects.toThrow(RestoreRefused);
  });
});
