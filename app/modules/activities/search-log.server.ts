/**
 * Demand for the gap map: what people looked for and roughly where — never
 * who. No user id, no IP address, no session, and the place typed is not kept:
 * only its point rounded to two decimal places (about 1 km).
 *
 * The words typed are kept (that is the demand signal) but a referrer could
 * type a person's name into the search box, so the text is cut to 100
 * characters and must be treated as possibly personal: shown only to admins in
 * aggregate, and deleted on the same schedule as other logs.
 */
import { getDb } from "#db/client";
import { searchLog } from "#db/schema";
import { logger } from "~/utils/logger.server";

export const maxLoggedQueryLength = 100;

/** Two decimal places: about 1.1 km north–south, 0.7 km east–west in Britain. */
export function roundForLog(value: number): number {
  return Math.round(value * 100) / 100;
}

type SearchLogRow = typeof searchLog.$inferInsert;

/** Rows written together at most this often, so a search never waits for its log row. */
const flushAfterMs = 1_000;
/** A burst of searches is written sooner, in one statement of at most this many rows. */
const maxBatch = 200;

interface PendingLog {
  rows: SearchLogRow[];
  timer: ReturnType<typeof setTimeout> | undefined;
  writing: Promise<void>;
}

// On globalThis, like the database handle: the server bundle and the scripts
// that stop it load this module separately, and must flush the same queue.
const holder = globalThis as typeof globalThis & { __linkwaySearchLog?: PendingLog };
const pending = (): PendingLog => (holder.__linkwaySearchLog ??= { rows: [], timer: undefined, writing: Promise.resolve() });

/**
 * Queues one search for the log and returns at once; the row is written with
 * others within a second (`flushSearchLog`). A row lost to a crash in that
 * second costs one count on the gap map, never an answer.
 */
export function recordSearch(entry: {
  query: string | undefined;
  categories: string[];
  location: { lat: number; lng: number } | null;
  resultCount: number;
  at: Date;
}): void {
  const queue = pending();
  const text = entry.query?.trim().slice(0, maxLoggedQueryLength) || null;
  queue.rows.push({
    query: text,
    categories: entry.categories.length ? entry.categories : null,
    lat: entry.location ? roundForLog(entry.location.lat) : null,
    lng: entry.location ? roundForLog(entry.location.lng) : null,
    resultCount: entry.resultCount,
    at: entry.at,
  });
  if (queue.rows.length >= maxBatch) void flushSearchLog();
  else if (!queue.timer) {
    queue.timer = setTimeout(() => void flushSearchLog(), flushAfterMs);
    // A queued log row never keeps a script or test process alive on its own.
    queue.timer.unref?.();
  }
}

/** Writes every queued search in one statement; resolves when they are in the database. */
export function flushSearchLog(): Promise<void> {
  const queue = pending();
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = undefined;
  const rows = queue.rows.splice(0, queue.rows.length);
  // Batches are written one after another, so a flush awaited by a caller also covers earlier ones.
  queue.writing = queue.writing.then(async () => {
    if (rows.length === 0) return;
    try {
      const db = await getDb();
      await db.insert(searchLog).values(rows);
    } catch (error) {
      logger.error({ err: error, rows: rows.length }, "search log rows could not be written");
    }
  });
  return queue.writing;
}
