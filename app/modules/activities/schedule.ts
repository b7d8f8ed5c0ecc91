/**
 * Schedules → occurrences, and the words and form choices around them.
 * Pure: no database, no clock. Safe to import from the browser.
 */
import * as rruleModule from "rrule";
import { assertTimezone, formatInTimezone, instantToFloating, parseDate, parseTime, wallClockToInstant, DAY_MS, MINUTE_MS } from "~/utils/time";

// rrule 2.x ships a UMD `main` and no `exports` map, so Node's ESM loader
// (tsx, the worker) only sees a default export, while bundlers read its ESM
// build, which has named exports only. Accept either shape (Reflect.get stops
// bundlers warning that the ESM build has no `default`).
const { RRule }: typeof rruleModule = "RRule" in rruleModule ? rruleModule : Reflect.get(rruleModule, "default");

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MONTHLY_NTHS = [1, 2, 3, 4, -1] as const;
export type MonthlyNth = (typeof MONTHLY_NTHS)[number];

export interface ScheduleRule {
  rrule: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  timezone: string;
  until: string | null;
}

/** `occurrenceAt` equals `startsAt`; it is the stable key a session keeps even after it is moved. */
export interface Occurrence {
  occurrenceAt: Date;
  startsAt: Date;
  endsAt: Date;
}

export type RepeatChoice =
  | { kind: "weekly"; days: Weekday[]; interval: number }
  | { kind: "monthly"; nth: MonthlyNth; day: Weekday }
  | { kind: "once"; dates: string[] };

/** A runaway rule (or window) must not stall the worker or a page. */
export const MAX_OCCURRENCES = 500;

/**
 * One-off dates live in the same single `rrule` column as recurrences, so
 * they use our own key, `RDATE=20261205,20261212` (dates only; the time is the
 * schedule's startTime). It is not RFC 5545: convert before exporting iCalendar.
 */
const ONE_OFF_KEY = "RDATE";

// ---------------------------------------------------------------------------
// Expansion

/**
 * Occurrences whose start falls in [from, to). rrule runs on floating
 * wall-clock times (its `tzid` support drifts an hour across DST in 2.x), and
 * each result is then placed in the real timezone.
 */
export function expandSchedule(rule: ScheduleRule, window: { from: Date; to: Date }): Occurrence[] {
  assertTimezone(rule.timezone);
  if (!Number.isInteger(rule.durationMinutes) || rule.durationMinutes <= 0)
    throw new RangeError(`Duration must be a whole number of minutes: ${rule.durationMinutes}`);
  const start = { ...parseDate(rule.startsOn), ...parseTime(rule.startTime) };
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (!(from < to)) return [];
  const oneOff = parseOneOffDates(rule.rrule);
  // The listed one-off dates are the whole schedule; `until` belongs to
  // recurrences (and may be left over from one when the form switches kind).
  const until = !oneOff && rule.until ? parseDate(rule.until) : null;
  const untilFloating = until ? Date.UTC(until.year, until.month - 1, until.day, 23, 59, 59) : null;

  const out: Occurrence[] = [];
  const accept = (floating: Date): boolean => {
    if (untilFloating !== null && floating.getTime() > untilFloating) return false;
    const startsAt = wallClockToInstant(
      {
        year: floating.getUTCFullYear(),
        month: floating.getUTCMonth() + 1,
        day: floating.getUTCDate(),
        hour: floating.getUTCHours(),
        minute: floating.getUTCMinutes(),
      },
      rule.timezone,
    );
    const t = startsAt.getTime();
    if (t >= from && t < to) {
      out.push({
        occurrenceAt: new Date(t),
        startsAt,
        endsAt: new Date(t + rule.durationMinutes * MINUTE_MS),
      });
    }
    return out.length < MAX_OCCURRENCES;
  };

  if (oneOff) {
    for (const date of oneOff) {
      const { year, month, day } = parseDate(date);
      if (!accept(new Date(Date.UTC(year, month - 1, day, start.hour, start.minute)))) break;
    }
    return out;
  }

  const options = RRule.parseString(rule.rrule);
  if (options.freq === undefined) throw new RangeError(`RRULE has no FREQ: ${rule.rrule}`);
  if (options.freq > RRule.DAILY) throw new RangeError(`Sessions repeat at most daily: ${rule.rrule}`);
  const rrule = new RRule(
    {
      ...options,
      tzid: null,
      dtstart: new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute)),
    },
    true,
  );
  // Pad by a day: the window's edges in floating time are only known to within an offset.
  rrule.between(
    new Date(instantToFloating(window.from, rule.timezone) - DAY_MS),
    new Date(instantToFloating(window.to, rule.timezone) + DAY_MS),
    true,
    (d) => accept(d),
  );
  return out;
}

/** Sorted, distinct YYYY-MM-DD dates of a one-off rule; null for anything else. Throws on an impossible date. */
function parseOneOffDates(rrule: string): string[] | null {
  const m = new RegExp(`^${ONE_OFF_KEY}=(\\d{8}(?:,\\d{8})*)$`).exec(rrule.trim().toUpperCase());
  if (!m) return null;
  const dates = m[1].split(",").map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
  dates.forEach(parseDate);
  return [...new Set(dates)].sort();
}

// ---------------------------------------------------------------------------
// Form choices ↔ RRULE

function sortDays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((d) => days.includes(d));
}

export function toRrule(choice: RepeatChoice): string {
  switch (choice.kind) {
    case "weekly": {
      const days = sortDays(choice.days);
      if (days.length === 0 || days.length !== choice.days.length)
        throw new RangeError("Choose one or more different days");
      if (!Number.isInteger(choice.interval) || choice.interval < 1 || choice.interval > 52)
        throw new RangeError("Repeat every 1 to 52 weeks");
      const interval = choice.interval > 1 ? `;INTERVAL=${choice.interval}` : "";
      return `FREQ=WEEKLY${interval};BYDAY=${days.join(",")}`;
    }
    case "monthly": {
      // A 5th weekday is missing from most months, which would surprise people.
      if (!MONTHLY_NTHS.includes(choice.nth)) throw new RangeError("Choose first to fourth, or last");
      if (!WEEKDAYS.includes(choice.day)) throw new RangeError("Choose a day");
      return `FREQ=MONTHLY;BYDAY=${choice.nth}${choice.day}`;
    }
    case "once": {
      if (choice.dates.length === 0) throw new RangeError("Choose one or more dates");
      choice.dates.forEach(parseDate);
      const dates = [...new Set(choice.dates)].sort();
      return `${ONE_OFF_KEY}=${dates.map((d) => d.replaceAll("-", "")).join(",")}`;
    }
  }
}

/** The form's choice for an RRULE, or null when the rule is not one the form can express. */
export function fromRrule(rrule: string): RepeatChoice | null {
  let dates: string[] | null;
  try {
    dates = parseOneOffDates(rrule);
  } catch {
    return null;
  }
  if (dates) return { kind: "once", dates };
  const parts = new Map<string, string>();
  for (const part of rrule.trim().toUpperCase().split(";")) {
    const [key, value, ...rest] = part.split("=");
    if (!key || value === undefined || rest.length > 0 || parts.has(key)) return null;
    parts.set(key, value);
  }
  const freq = parts.get("FREQ");
  const byday = parts.get("BYDAY");
  const intervalText = parts.get("INTERVAL") ?? "1";
  if (!/^[1-9]\d*$/.test(intervalText) || !byday) return null;
  const interval = Number(intervalText);
  const known = new Set(["FREQ", "BYDAY", "INTERVAL", "WKST"]);
  if ([...parts.keys()].some((k) => !known.has(k))) return null;
  // WKST changes which weeks a fortnightly rule picks; only the default is ours.
  if (parts.has("WKST") && parts.get("WKST") !== "MO") return null;

  if (freq === "WEEKLY") {
    const days = byday.split(",");
    if (!days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) return null;
    if (new Set(days).size !== days.length || interval > 52) return null;
    return { kind: "weekly", days: sortDays(days), interval };
  }
  if (freq === "MONTHLY" && interval === 1) {
    const m = /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
    const nth = m ? Number(m[1]) : NaN;
    if (!m || !(MONTHLY_NTHS as readonly number[]).includes(nth)) return null;
    return { kind: "monthly", nth: nth as MonthlyNth, day: m[2] as Weekday };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Words

const DAY_NAMES: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

const NTH_NAMES: Record<MonthlyNth, string> = { 1: "First", 2: "Second", 3: "Third", 4: "Fourth", [-1]: "Last" };

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function addMinutesToTime(time: string, minutes: number): string {
  const { hour, minute } = parseTime(time);
  const total = (((hour * 60 + minute + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** "Saturday 5 December 2026" for a calendar date, whatever the timezone. */
function formatCalendarDate(date: string): string {
  const { year, month, day } = parseDate(date);
  return formatInTimezone(new Date(Date.UTC(year, month - 1, day, 12)), "UTC", "fullDate");
}

/** Rules from imports that the form cannot express: rrule's own (US-flavoured) words. */
function describeOtherRule(rrule: string): string {
  try {
    const text = RRule.fromString(rrule).toText();
    return text.charAt(0).toUpperCase() + text.slice(1);
  } catch {
    return "Repeats on a custom pattern";
  }
}

/**
 * Plain English for pages and the schedule form, e.g. "Every Tuesday and
 * Thursday, 10:00 to 11:30" or "Last Friday of the month, 10:00 to 12:00".
 */
export function describeSchedule(rule: ScheduleRule): string {
  const times = `${rule.startTime} to ${addMinutesToTime(rule.startTime, rule.durationMinutes)}`;
  const choice = fromRrule(rule.rrule);
  if (choice?.kind === "once") {
    const dates = choice.dates.map(formatCalendarDate);
    return dates.length === 1 ? `Once, on ${dates[0]}, ${times}` : `On ${joinAnd(dates)}, ${times}`;
  }

  let pattern: string;
  if (choice?.kind === "weekly") {
    const days = joinAnd(choice.days.map((d) => DAY_NAMES[d]));
    if (choice.interval === 1) pattern = choice.days.length === 7 ? "Every day" : `Every ${days}`;
    else pattern = `Every ${choice.interval} weeks on ${days}`;
  } else if (choice?.kind === "monthly") {
    pattern = `${NTH_NAMES[choice.nth]} ${DAY_NAMES[choice.day]} of the month`;
  } else {
    pattern = describeOtherRule(rule.rrule);
  }
  const until = rule.until ? `, until ${formatCalendarDate(rule.until)}` : "";
  return `${pattern}, ${times}${until}`;
}

// ---------------------------------------------------------------------------
// Display
