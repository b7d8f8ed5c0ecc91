/**
 * Reads someone's iCalendar file into the occurrences that should be sessions
 * in a window of time. ical.js expands RRULE/RDATE/EXDATE and applies
 * RECURRENCE-ID overrides; what we add is turning each occurrence's wall-clock
 * time into an instant in its own TZID through Intl (so "10:00
 * Europe/London" stays 10:00 across the clock change even when the file
 * carries no VTIMEZONE, or one Outlook named differently).
 */
import ICAL from "ical.js";
import { isValidTimezone, localDateTimeToUtc } from "~/utils/time";

export interface FeedOccurrence {
  /** UID and the occurrence's original start (its RECURRENCE-ID): stable across refreshes and moves. */
  key: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
}

export type FeedEvents = { ok: true; occurrences: FeedOccurrence[] } | { ok: false; reason: string };

/** A feed's expansion stops here per event, so a daily rule from 1970 cannot keep the worker busy. */
const MAX_STEPS_PER_EVENT = 20_000;
/** And here for the whole file, so thousands of such events cannot either. */
const MAX_STEPS_PER_FILE = 200_000;

type Time = ICAL.Time;
type Component = ICAL.Component;

const pad = (n: number) => String(n).padStart(2, "0");

function tzidOf(component: Component, property: "dtstart" | "dtend" | "recurrence-id"): string | null {
  const value = component.getFirstProperty(property)?.getParameter("tzid");
  return typeof value === "string" ? value : null;
}

/** The instant of an ical.js time: UTC as is; a zoned or floating wall clock in its TZID (or the activity's zone). */
function instantOf(time: Time, tzid: string | null, fallbackZone: string): Date {
  if (time.zone?.tzid === "UTC") return time.toJSDate();
  const zone = tzid && isValidTimezone(tzid) ? tzid : tzid && time.zone && time.zone.tzid !== "floating" ? null : fallbackZone;
  if (!zone) return time.toJSDate();
  return localDateTimeToUtc(`${time.year}-${pad(time.month)}-${pad(time.day)}`, `${pad(time.hour)}:${pad(time.minute)}`, zone);
}

const isCancelled = (component: Component) => String(component.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED";

/** Every occurrence of the file's timed events that starts in [from, to). */
export function readFeedEvents(text: string, window: { from: Date; to: Date; timezone: string }): FeedEvents {
  let calendar: Component;
  try {
    if (!/^\s*BEGIN:VCALENDAR/i.test(text)) return { ok: false, reason: "This is not an iCalendar (.ics) file" };
    calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return { ok: false, reason: `The calendar file could not be read (${error instanceof Error ? error.message : "invalid"})` };
  }
  if (calendar.name !== "vcalendar") return { ok: false, reason: "This is not an iCalendar (.ics) file" };

  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (!event.uid) continue;
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  const standalone: ICAL.Event[] = [];
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master?.isRecurring()) master.relateException(exception);
    else standalone.push(exception);
  }

  const found = new Map<string, FeedOccurrence>();
  let budget = MAX_STEPS_PER_FILE;
  const add = (key: string, item: ICAL.Event, start: Time, end: Time, masterCancelled: boolean) => {
    if (start.isDate) return; // an all-day entry is not a session with a time
    const startZone = tzidOf(item.component, "dtstart");
    const startsAt = instantOf(start, startZone, window.timezone);
    if (startsAt < window.from || startsAt >= window.to) return;
    const endsAt = instantOf(end, tzidOf(item.component, "dtend") ?? startZone, window.timezone);
    if (endsAt <= startsAt) return;
    found.set(key, { key, startsAt, endsAt, cancelled: masterCancelled || isCancelled(item.component) });
  };

  for (const event of masters.values()) {
    const masterZone = tzidOf(event.component, "dtstart");
    const cancelled = isCancelled(event.component);
    if (!event.isRecurring()) {
      add(event.uid, event, event.startDate, event.endDate, false);
      continue;
    }
    const iterator = event.iterator();
    for (let step = 0; step < MAX_STEPS_PER_EVENT; step++) {
      if (--budget < 0) return { ok: false, reason: "The calendar has too many repeating events for us to read" };
      const next = iterator.next();
      if (!next) break;
      const original = instantOf(next, masterZone, window.timezone);
      const details = event.getOccurrenceDetails(next);
      // A moved occurrence may land inside the window from just outside it; a week's slack finds it.
      if (original.getTime() > window.to.getTime() + 7 * 86_400_000) break;
      add(`${event.uid}|${original.toISOString()}`, details.item, details.startDate, details.endDate, cancelled);
    }
  }
  for (const exception of standalone) {
    const original = instantOf(exception.recurrenceId, tzidOf(exception.component, "recurrence-id"), window.timezone);
    add(`${exception.uid}|${original.toISOString()}`, exception, exception.startDate, exception.endDate, false);
  }
  return { ok: true, occurrences: [...found.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()) };
}
