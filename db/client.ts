import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;
export type DbKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
  /** LISTEN on a channel (NOTIFY arrives after the sender commits); resolves to a function that stops listening. */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite directory, or "memory://" for a throw-away in-memory database. */
  dataDir?: string;
  /** A PGlite data directory dump (tar.gz) to start from; tests use a migrated template. */
  loadDataDir?: string;
  /** PostgreSQL's application_name for this process's connections (seen in pg_stat_activity and the server's logs). */
  applicationName?: string;
}

/**
 * One entry to the database: postgres.js when a URL is given, otherwise PGlite.
 * `db/` reads nothing from `app/`, so configuration arrives as arguments.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      // Sessions can be many; keep idle connections from piling up on small servers.
      idle_timeout: 30,
      connection: { application_name: options.applicationName ?? "linkway" },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      // postgres.js keeps one dedicated connection for LISTEN and re-listens after a reconnect.
      listen: async (channel, onNotify) => {
        const { unlisten } = await client.listen(channel, onNotify);
        return unlisten;
      },
    };
  }
  const dataDir = options.dataDir ?? "./data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(path.resolve(dataDir), { recursive: true });
  const loadDataDir = options.loadDataDir
    ? new Blob([await readFile(options.loadDataDir)])
    : undefined;
  const client = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { cube, earthdistance, fuzzystrmatch, pg_trgm, unaccent },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: async () => {
      if (!client.closed) await client.close();
    },
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    // Kept for the test template builder.
    ...({ pglite: client } as object),
  };
}

/** Options from the process environment (the app validates these in its env module first). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: env.PGLITE_DATA_DIR || path.join(env.DATA_DIR || "./data", "pglite"),
    loadDataDir: env.PGLITE_TEMPLATE || undefined,
    applicationName: env.DATABASE_APPLICATION_NAME || undefined,
  };
}

// Kept on globalThis so the server bundle, the worker and scripts loaded by
// tsx share one connection pool (and never open the PGlite directory twice).
const holder = globalThis as typeof globalThis & {
  __linkwayDatabase?: Promise<DatabaseHandle>;
};

/** The process-wide database, opened on first use from the environment. */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__linkwayDatabase ??= openDatabase(databaseOptionsFromEnv());
  return holder.__linkwayDatabase;
}

/** Shorthand for modules: `const db = await getDb()`. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = holder.__linkwayDatabase;
  holder.__linkwayDatabase = undefined;
  if (handle) await (await handle).close();
}

/**
 * Raw SQL that returns rows on both drivers (postgres.js returns an array,
 * PGlite an object with `rows`).
 */
export async function queryRows<T = Record<string, unknown>>(
  executor: Executor,
  query: SQL,
): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A real round trip, for health checks. */
export async function pingDatabase(executor: Executor): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(executor, sql`select 1 as ok`);
  return rows[0]?.ok === 1;
}
