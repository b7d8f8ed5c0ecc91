/**
 * The current time, for every rule that depends on it (expiry, reminders,
 * registers locking, stalls). Outside production the end-to-end tests can
 * move it forward through /dev/clock instead of sleeping.
 *
 * The offset lives on globalThis: the server bundle and the worker (loaded by
 * tsx) each get their own copy of this module, and both must see the same time.
 */
const holder = globalThis as typeof globalThis & { __linkwayClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (holder.__linkwayClockOffsetMs ?? 0));
}

export function setClockOffset(ms: number): void {
  if (process.env.NODE_ENV === "production") throw new Error("The clock cannot be moved in production.");
  holder.__linkwayClockOffsetMs = ms;
}

export function clockOffset(): number {
  return holder.__linkwayClockOffsetMs ?? 0;
}
