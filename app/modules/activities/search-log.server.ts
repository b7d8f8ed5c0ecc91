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

export const maxLoggedQueryLength = 100;

/** Two decimal places: about 1.1 km north–south, 0.7 km east–west in Britain. */
export function roundForLog(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function recordSearch(entry: {
  query: string | undefined;
  categories: string[];
  location: { lat: number; lng: number } | null;
  resultCount: number;
}): Promise<void> {
  const db = await getDb();
  const text = entry.query?.trim().slice(0, maxLoggedQueryLength) || null;
  await db.insert(searchLog).values({
    query: text,
    categories: entry.categories.length ? entry.categories : null,
    lat: entry.location ? roundForLog(entry.location.lat) : null,
    lng: entry.location ? roundForLog(entry.location.lng) : null,
    resultCount: entry.resultCount,
  });
}
