/**
 * Time for every context: instants ↔ wall-clock readings in a time zone, the
 * site's date wording, and day arithmetic. Pure, no clock (callers pass `now`),
 * safe in the browser, and free of rrule so pages that only show dates stay small.
 */

/** The site's zone, for what belongs to no activity (connection actions, an actions-only referral). */
export const SITE_TIMEZONE = "Europe/London";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const addMinutes = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * MINUTE_MS);
export const addHours = (d: Date, hours: number): Date => new Date(d.getTime() + hours * HOUR_MS);
/** Exactly `days` × 24 hours later (or earlier, when negative): a duration, not a calendar date. */
export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);

// ---------------------------------------------------------------------------
// Wall-clock ↔ instant

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

/** A formatter made once per time zone: making one is slow, and every session shown needs one. */
function formatterPerZone(locale: string, options: Intl.DateTimeFormatOptions): (timezone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timezone) => {
    let f = made.get(timezone);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
      made.set(timezone, f);
    }
    return f;
  };
}

const partsFormatter = formatterPerZone("en-US", {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

export interface WallClockParts extends WallClock {
  second: number;
}

/** The wall-clock reading in `timezone` at an instant (month 1–12). */
export function wallClockAt(d: Date, timezone: string): WallClockParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timezone).formatToParts(d)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** Minutes to add to UTC to get the wall-clock in `timezone` at `instant`. */
export function offsetMinutes(instantMs: number, timezone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const p = wallClockAt(new Date(whole), timezone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole) / 60_000;
}

export function wallClockToInstant(w: WallClock, timezone: string): Date {
  const floating = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // A transition changes the offset at most once within a day, so the offsets a
  // day either side are the only two this wall-clock could be using.
  const before = offsetMinutes(floating - DAY_MS, timezone);
  const after = offsetMinutes(floating + DAY_MS, timezone);
  const valid = [floating - before * 60_000, floating - after * 60_000].filter(
    (t) => t + offsetMinutes(t, timezone) * 60_000 === floating,
  );
  // Repeated hour (autumn): the first instance. Missing hour (spring): keep the
  // pre-transition offset, which lands the same distance past the jump (01:30 → 02:30 BST).
  return new Date(valid.length > 0 ? Math.min(...valid) : floating - before * 60_000);
}

/** The floating (wall-clock-as-UTC) time of an instant, for comparing with rrule's output. */
export function instantToFloating(instant: Date, timezone: string): number {
  return instant.getTime() + offsetMinutes(instant.getTime(), timezone) * 60_000;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
}

export function parseTime(time: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`Not a time (HH:MM): ${time}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/**
 * The instant a wall-clock time names in `timezone`. A time skipped by the
 * clocks going forward moves on by the gap; a time that happens twice when they
 * go back is the first one.
 */
export function localDateTimeToUtc(date: string, time: string, timezone: string): Date {
  assertTimezone(timezone);
  return wallClockToInstant({ ...parseDate(date), ...parseTime(time) }, timezone);
}

export function isValidTimezone(timezone: string): boolean {
  try {
    partsFormatter(timezone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimezone(timezone: string): void {
  if (!isValidTimezone(timezone)) throw new RangeError(`Unknown timezone: ${timezone}`);
}

/**
 * - "datetime": "Tuesday 24 November, 10:00"
 * - "date": "Tuesday 24 November"
 * - "fullDate": "Tuesday 24 November 2026"
 * - "time": "10:00"
 */
export type DisplayStyle = "datetime" | "date" | "fullDate" | "time";

const displayFormatter = formatterPerZone("en-GB", {
  hourCycle: "h23",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * en-GB wording in the activity's timezone. Assembled from parts so the
 * punctuation does not change with the ICU version of Node or the browser,
 * which would also break hydration.
 */
export function formatInTimezone(d: Date, timezone: string, style: DisplayStyle = "datetime"): string {
  const f = displayFormatter(timezone);
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(d)) p[part.type] = part.value;
  const date = `${p.weekday} ${p.day} ${p.month}`;
  const time = `${p.hour}:${p.minute}`;
  switch (style) {
    case "date":
      return date;
    case "fullDate":
      return `${date} ${p.year}`;
    case "time":
      return time;
    case "datetime":
      return `${date}, ${time}`;
  }
}
