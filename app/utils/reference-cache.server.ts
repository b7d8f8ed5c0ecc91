/**
 * Reference data that changes a few times a year (the categories) but is read
 * on every search: kept in this process, dropped the moment this process
 * changes it, and re-read at least every `maxAgeMs` so a change made by
 * another process (a second web server, a script) shows within that time.
 */
export interface ReferenceCache<T> {
  get(): Promise<T>;
  /** Call after the change has committed. */
  invalidate(): void;
}

const everyCache = new Set<ReferenceCache<unknown>>();

/** Drops every reference cache: the database they were read from has been swapped (tests, one database per file). */
export function dropReferenceCaches(): void {
  for (const cache of everyCache) cache.invalidate();
}

export function referenceCache<T>(load: () => Promise<T>, maxAgeMs = 60_000): ReferenceCache<T> {
  let entry: { value: Promise<T>; at: number } | undefined;
  let generation = 0;
  const cache: ReferenceCache<T> = {
    get() {
      const at = Date.now();
      if (!entry || at - entry.at > maxAgeMs) {
        const loadedFor = generation;
        const value = load();
        entry = { value, at };
        // A failed read is not kept: the next caller tries again.
        value.catch(() => {
          if (generation === loadedFor && entry?.value === value) entry = undefined;
        });
      }
      return entry.value;
    },
    invalidate() {
      generation++;
      entry = undefined;
    },
  };
  everyCache.add(cache);
  return cache;
}
