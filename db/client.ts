import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { templateForNewDataDir } from "./embedded-template";
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
  /** PGlite's shared_buffers, e.g. "128MB"; small by default (see pgliteMemorySettings). */
  pgliteSharedBuffers?: string;
  /** Bytes of WebAssembly memory PGlite starts with (its own default is 128 MB, grown on demand). */
  pgliteInitialMemory?: number;
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
    const db = nameTransactionsByRequest(drizzlePostgres(client, { schema }) as unknown as Db, options.applicationName ?? "linkway");
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
  // Loaded only for the embedded database: a process on PostgreSQL never needs PGlite (~170 ms and its memory).
  const [{ PGlite }, { drizzle: drizzlePglite }, pgliteExtensions] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    loadPgliteExtensions(),
  ]);
  const client = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { ...pgliteExtensions, loadLibrariesOnlyWhenPostgresAsks },
    startParams: [...PGlite.defaultStartParams, ...pgliteMemorySettings(options.pgliteSharedBuffers)],
    ...(options.pgliteInitialMemory ? { initialMemory: options.pgliteInitialMemory } : {}),
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

/**
 * PGlite runs inside the web process and starts with PostgreSQL's server
 * defaults (128 MB of shared buffers, 64 MB for index builds), sized for a
 * dedicated database machine. The embedded database is for trying Linkway and
 * small sites, whose whole database fits in a few MB, so it gets a fraction
 * (docs/decisions/051). `PGLITE_SHARED_BUFFERS` (e.g. `128MB`) gives it more.
 * PGlite's WebAssembly memory cannot start below 128 MB, so `initialMemory` is not lowered.
 */
export function pgliteMemorySettings(sharedBuffers = ""): string[] {
  const size = /^\d+(kB|MB|GB)$/.test(sharedBuffers) ? sharedBuffers : "16MB";
  return ["-c", `shared_buffers=${size}`, "-c", "maintenance_work_mem=16MB", "-c", "wal_buffers=1MB", "-c", "temp_buffers=2MB"];
}

async function loadPgliteExtensions() {
  const [{ cube }, { earthdistance }, { fuzzystrmatch }, { pg_trgm }, { unaccent }] = await Promise.all([
    import("@electric-sql/pglite/contrib/cube"),
    import("@electric-sql/pglite/contrib/earthdistance"),
    import("@electric-sql/pglite/contrib/fuzzystrmatch"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
  ]);
  return { cube, earthdistance, fuzzystrmatch, pg_trgm, unaccent };
}

/**
 * PGlite 0.5 (emscripten) instantiates every extension library while the
 * database starts, before PostgreSQL asks for any, in a race: which of those
 * early copies fail half-way differs from run to run. When pg_trgm's did,
 * PostgreSQL's own load made a second copy, but calls still reached the first,
 * never-initialised one (its trigram comparison pointer null): a trigram query
 * answered no rows, the WebAssembly error was swallowed, and every later
 * statement failed with `ERRORDATA_STACK_SIZE exceeded` — about one opening in
 * six. With emscripten's `noWasmDecoding` each library is instantiated once,
 * when PostgreSQL loads it. See decision 103.
 */
const loadLibrariesOnlyWhenPostgresAsks = {
  name: "load-libraries-only-when-postgres-asks",
  setup: async (_pg: unknown, emscriptenOpts: Record<string, unknown>) => ({
    emscriptenOpts: { ...emscriptenOpts, noWasmDecoding: true },
  }),
};

/** Options from the process environment (the app validates these in its env module first). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): DatabaseOptions {
  const dataDir = env.PGLITE_DATA_DIR || path.join(env.DATA_DIR || "./data", "pglite");
  return {
    url: env.DATABASE_URL || undefined,
    dataDir,
    // A new embedded database starts as a copy of the migrated template made at install (decision 105).
    loadDataDir: env.PGLITE_TEMPLATE || (env.DATABASE_URL ? undefined : templateForNewDataDir(dataDir, root)),
    pgliteSharedBuffers: env.PGLITE_SHARED_BUFFERS || undefined,
    pgliteInitialMemory: Number(env.PGLITE_INITIAL_MEMORY) || undefined,
    applicationName: env.DATABASE_APPLICATION_NAME || undefined,
  };
}

// Kept on globalThis so the server bundle, the worker and scripts loaded by
// tsx share one connection pool (and never open the PGlite directory twice),
// and one read routing (the server bundle has its own copy of this module).
const holder = globalThis as typeof globalThis & {
  __linkwayDatabase?: Promise<DatabaseHandle>;
  __linkwayReplica?: { url: string; handle: Promise<DatabaseHandle> };
  __linkwayQueryContext?: AsyncLocalStorage<QueryContext>;
};

/** What the code running now (a request, a worker job) tells the database layer. */
export interface QueryContext {
  /** The request's id: transactions carry it in `application_name`. */
  requestId?: string;
  /** Every read on the primary, even those that could use a replica. */
  primary?: boolean;
}
holder.__linkwayQueryContext ??= new AsyncLocalStorage();
const queryContext = holder.__linkwayQueryContext;

/** The process-wide database, opened on first use from the environment. */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__linkwayDatabase ??= openDatabase(databaseOptionsFromEnv());
  return holder.__linkwayDatabase;
}

/** Shorthand for modules: `const db = await getDb()`. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/**
 * Where reads that may lag a little go: the replica at `DATABASE_REPLICA_URL`
 * when one is set (PostgreSQL only), otherwise the primary itself (on PGlite,
 * the same instance). Inside `readFromPrimary` — a request that writes, or
 * whose client wrote a moment ago — it is always the primary, so people see
 * their own changes. Only reads that can lag (search, reports, public pages)
 * ask for it; everything else uses `getDatabase`. See decision 101.
 */
export function getReadDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseHandle> {
  const url = env.DATABASE_REPLICA_URL;
  if (!url || !env.DATABASE_URL || queryContext.getStore()?.primary) return getDatabase();
  if (holder.__linkwayReplica?.url !== url) {
    const previous = holder.__linkwayReplica?.handle;
    if (previous) void previous.then((h) => h.close()).catch(() => {});
    const name = `${databaseOptionsFromEnv(env).applicationName ?? "linkway"}-replica`;
    holder.__linkwayReplica = { url, handle: openDatabase({ url, applicationName: name }) };
  }
  return holder.__linkwayReplica.handle;
}

/** Shorthand for reads that may lag: `const db = await getReadDb()`. */
export async function getReadDb(): Promise<Db> {
  return (await getReadDatabase()).db;
}

/** Runs `fn` (and everything it awaits) with `context` added to the current one. */
export function withQueryContext<T>(context: QueryContext, fn: () => T): T {
  return queryContext.run({ ...queryContext.getStore(), ...context }, fn);
}

/** Runs `fn` (and everything it awaits) with every read on the primary. */
export function readFromPrimary<T>(fn: () => T): T {
  return withQueryContext({ primary: true }, fn);
}

/**
 * Every transaction begun inside a request names the request in
 * `application_name` (`SET LOCAL`, so the pooled connection returns to the
 * process's name at commit): pg_stat_activity, lock waits and the server's log
 * (`%a` in log_line_prefix) show which request holds what. Statements outside a
 * transaction keep the process's name: naming them would mean a SET on a
 * connection reserved for the request, defeating the pool. See decision 102.
 */
function nameTransactionsByRequest(db: Db, processName: string): Db {
  const begin = db.transaction.bind(db);
  const transaction: Db["transaction"] = (work, config) =>
    begin(async (tx) => {
      const requestId = queryContext.getStore()?.requestId;
      // PostgreSQL keeps 63 bytes of a name; the id goes last, so keep all of it.
      if (requestId) await tx.execute(sql`select set_config('application_name', ${`${processName.slice(0, 62 - requestId.length)} ${requestId}`}, true)`);
      return work(tx);
    }, config);
  db.transaction = transaction;
  return db;
}

export async function closeDatabase(): Promise<void> {
  const handle = holder.__linkwayDatabase;
  const replica = holder.__linkwayReplica?.handle;
  holder.__linkwayDatabase = undefined;
  holder.__linkwayReplica = undefined;
  if (replica) await (await replica).close();
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
