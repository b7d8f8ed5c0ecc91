/**
 * The current time, for every rule that depends on it (expiry, reminders,
 * registers locking, stalls). Outside production the end-to-end tests can
 * move it forward through /dev/clock instead of sleeping.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setClockOffset(ms: number): void {
  if (process.env.NODE_ENV === "production") throw new Error("The clock cannot be moved in production.");
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}
