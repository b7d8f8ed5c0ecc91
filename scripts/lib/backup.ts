/**
 * Backups: PostgreSQL's own `pg_dump` custom format (restorable with
 * `pg_restore`, table by table if need be), or for embedded PGlite a
 * gzipped copy of its data directory. Restores go into an empty database
 * only, so a slip of the finger cannot overwrite a live site.
 */
import { execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type DatabaseHandle } from "../../db/client";

const run = promisify(execFile);

export type Target = { url: string } | { dataDir: string } | { handle: DatabaseHandle };

export async function backupDatabase(target: Target, file: string): Promise<void> {
  if ("url" in target) {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${target.url}`], { maxBuffer: 64 * 1024 * 1024 });
    return;
  }
  const handle = "handle" in target ? target.handle : await openDatabase({ dataDir: target.dataDir });
  try {
    const pglite = (handle as unknown as { pglite?: { dumpDataDir: (c: "gzip") => Promise<Blob> } }).pglite;
    if (!pglite) throw new Error("This database is PostgreSQL: back it up with its URL.");
    const dump = await pglite.dumpDataDir("gzip");
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    if (!("handle" in target)) await handle.close();
  }
}

export class RestoreRefused extends Error {}

export async function restoreDatabase(target: { url: string } | { dataDir: string }, file: string): Promise<void> {
  if (!existsSync(file)) throw new RestoreRefused(`No backup at ${file}.`);
  if ("url" in target) {
    const handle = await openDatabase({ url: target.url });
    try {
      const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from pg_tables where schemaname = 'public'`);
      if (Number(row?.n) > 0) throw new RestoreRefused("That database already has tables: restore into a new, empty database (createdb), then point DATABASE_URL at it.");
    } finally {
      await handle.close();
    }
    await pgRestore(file, target.url);
    return;
  }
  if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
    throw new RestoreRefused(`${target.dataDir} is not empty: move it aside (or choose another DATA_DIR) and restore again.`);
  }
  const handle = await openDatabase({ dataDir: target.dataDir, loadDataDir: file });
  await handle.close();
}

/**
 * pg_restore into psql, in one transaction, with the restore's search_path
 * widened from '' to public: earthdistance's functions (PostgreSQL 15) name
 * their `earth` type without a schema, so indexes on ll_to_earth() cannot be
 * rebuilt under pg_dump's empty search_path.
 */
async function pgRestore(file: string, url: string): Promise<void> {
  const restore = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction", `--dbname=${url}`], { stdio: ["pipe", "ignore", "pipe"] });
  let errors = "";
  restore.stderr.on("data", (d: Buffer) => (errors += d.toString()));
  psql.stderr.on("data", (d: Buffer) => (errors += d.toString()));
  const lines = createInterface({ input: restore.stdout, crlfDelay: Infinity });
  const exited = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => child.once("close", resolve));
  const [restoreCode, psqlCode] = await Promise.all([
    exited(restore),
    exited(psql),
    (async () => {
      for await (const line of lines) {
        const fixed = line === "SELECT pg_catalog.set_config('search_path', '', false);" ? "SELECT pg_catalog.set_config('search_path', 'public, pg_catalog', false);" : line;
        if (!psql.stdin.write(fixed + "\n")) await new Promise((r) => psql.stdin.once("drain", r));
      }
      psql.stdin.end();
    })(),
  ]);
  if (restoreCode !== 0 || psqlCode !== 0) throw new Error(`restore failed:\n${errors.trim()}`);
}

/** Reads a file's first bytes to tell a pg_dump archive ("PGDMP") from a PGlite dump (gzip). */
export async function backupKind(file: string): Promise<"pg_dump" | "pglite"> {
  const head = (await readFile(file)).subarray(0, 5).toString("latin1");
  return head === "PGDMP" ? "pg_dump" : "pglite";
}
