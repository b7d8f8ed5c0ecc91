/**
 * iCalendar (RFC 5545) out of plain events: activities' and organisations'
 * feeds use it, and so can bookings ("add my session to my calendar").
 * Events are written in their own time zone (TZID) with a VTIMEZONE for each
 * zone used, so a session at 10:00 in London stays at 10:00 on both sides of a
 * clock change in every client.
 */
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { buildVtimezone } from "./vtimezone";
import { wallClockAt } from "~/utils/time";

export interface CalendarEvent {
  /** Globally unique and stable across downloads, e.g. `<session id>@<host>`. */
  uid: string;
  start: Date;
  end: Date;
  /** IANA time zone the event is shown in, e.g. Europe/London. */
  timezone: string;
  summary: string;
  description?: string | null;
  /** Where: a title (venue and address) and optionally a point for GEO. */
  location?: { title: string; lat?: number | null; lng?: number | null } | null;
  url?: string | null;
  cancelled?: boolean;
  lastModified?: Date | null;
}

export interface CalendarInput {
  name: string;
  description?: string;
  url?: string;
  events: CalendarEvent[];
  /** DTSTAMP: when this copy was made (UTC). */
  now: Date;
  /** Who runs these events: every published event needs an ORGANIZER (RFC 5546). */
  organizer: { name: string; email: string };
}

/**
 * ical-generator writes a native Date in the server process's own zone when
 * a TZID is set, which would be wrong on any server not in that zone; it
 * formats Temporal-shaped values exactly. This is the small slice of
 * Temporal.ZonedDateTime it reads.
 */
class ZonedTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    private readonly instant: Date,
    readonly timeZoneId: string,
  ) {
    const t = wallClockAt(instant, timeZoneId);
    this.year = t.year;
    this.month = t.month;
    this.day = t.day;
    this.hour = t.hour;
    this.minute = t.minute;
    this.second = t.second;
  }

  withTimeZone(timeZoneId: string): ZonedTime {
    return new ZonedTime(this.instant, timeZoneId);
  }

  toInstant() {
    const epochMilliseconds = this.instant.getTime();
    return {
      epochMilliseconds,
      toJSON: () => this.instant.toISOString(),
      toString: () => this.instant.toISOString(),
      toZonedDateTimeISO: (tz: string) => new ZonedTime(this.instant, tz),
    };
  }

  toPlainDateTime() {
    const { year, month, day, hour, minute, second } = this;
    const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}`;
    return {
      year,
      month,
      day,
      hour,
      minute,
      second,
      toPlainDate: () => ({ year, month, day, toJSON: () => text.slice(0, 10), toString: () => text.slice(0, 10) }),
      toZonedDateTime: (tz: string) => new ZonedTime(this.instant, tz),
      toJSON: () => text,
      toString: () => text,
    };
  }

  toJSON(): string {
    return this.instant.toISOString();
  }

  toString(): string {
    return `${this.instant.toISOString()}[${this.timeZoneId}]`;
  }
}

export function buildCalendar(input: CalendarInput): string {
  const starts = input.events.map((e) => e.start.getTime());
  const window = {
    from: new Date(starts.length ? Math.min(...starts) : input.now.getTime()),
    to: new Date(starts.length ? Math.max(...starts) : input.now.getTime()),
  };
  const calendar = new ICalCalendar({
    prodId: { company: "Linkway", product: "Activities", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    name: input.name,
    description: input.description,
    url: input.url,
    timezone: { name: null, generator: (tz) => buildVtimezone(tz, window) },
  });
  for (const event of input.events) {
    const location = event.location
      ? {
          title: event.location.title,
          ...(event.location.lat != null && event.location.lng != null
            ? { geo: { lat: event.location.lat, lon: event.location.lng } }
            : {}),
        }
      : null;
    calendar.createEvent({
      id: event.uid,
      start: new ZonedTime(event.start, event.timezone),
      end: new ZonedTime(event.end, event.timezone),
      timezone: event.timezone,
      stamp: input.now,
      summary: event.cancelled ? `Cancelled: ${event.summary}` : event.summary,
      description: event.description ?? null,
      location,
      url: event.url ?? null,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: event.lastModified ?? null,
      organizer: input.organizer,
    });
  }
  return calendar.toString();
}

/** A file name people recognise in their downloads: "tuesday-walk.ics". */
export function calendarFileName(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "calendar"}.ics`;
}

export function calendarResponse(body: string, fileName: string, options: { private?: boolean } = {}): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      // Calendar apps poll subscriptions; an hour keeps them fresh without hammering.
      // A private feed names people: no shared cache may keep it.
      "Cache-Control": options.private ? "private, no-store" : "public, max-age=3600",
      ...(options.private ? { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } : {}),
    },
  });
}
