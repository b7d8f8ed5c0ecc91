import { offsetMinutes, HOUR_MS, MINUTE_MS } from "~/utils/time";
/**
 * VTIMEZONE blocks built from the runtime's own time zone data (Intl), so
 * calendars carry a definition for every TZID they use without a network
 * time zone library. Each clock change in the window becomes one dated
 * observance (no RRULE), which every client reads the same way.
 */

const DAY = 24 * HOUR_MS;

export interface Transition {
  /** The first instant on the new offset. */
  at: Date;
  offsetFrom: number;
  offsetTo: number;
}

/** Clock changes in [from, to), found day by day and then to the minute. */
export function findTransitions(timezone: string, from: Date, to: Date): Transition[] {
  const out: Transition[] = [];
  let t = from.getTime();
  let offset = offsetMinutes(t, timezone);
  while (t < to.getTime()) {
    const next = Math.min(t + DAY, to.getTime());
    const nextOffset = offsetMinutes(next, timezone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * MINUTE_MS || lo + 60_000;
        if (offsetMinutes(mid, timezone) === offset) lo = mid;
        else hi = mid;
      }
      out.push({ at: new Date(hi), offsetFrom: offset, offsetTo: offsetMinutes(hi, timezone) });
    }
    t = next;
    offset = nextOffset;
  }
  return out;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Local wall-clock of an instant at a given offset, as an iCalendar floating DATE-TIME. */
function localStamp(instantMs: number, offset: number): string {
  return new Date(instantMs + offset * MINUTE_MS).toISOString().replace(/[-:]/g, "").slice(0, 15);
}

function abbreviation(instantMs: number, timezone: string): string | null {
  try {
    const part = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, timeZoneName: "short" })
      .formatToParts(new Date(instantMs))
      .find((p) => p.type === "timeZoneName");
    return part?.value ?? null;
  } catch {
    return null;
  }
}

/**
 * A VTIMEZONE for `timezone` that is exact for every instant in the window
 * (padded by a year either side, which also covers clients that expand a
 * little early or late).
 */
export function buildVtimezone(timezone: string, window: { from: Date; to: Date }): string {
  const from = Date.UTC(new Date(window.from).getUTCFullYear() - 1, 0, 1);
  const to = Date.UTC(new Date(window.to).getUTCFullYear() + 2, 0, 1);
  const transitions = findTransitions(timezone, new Date(from), new Date(to));
  const initial = offsetMinutes(from, timezone);
  const offsets = [initial, ...transitions.map((t) => t.offsetTo)];
  const standardOffset = Math.min(...offsets);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timezone}`, `X-LIC-LOCATION:${timezone}`];
  const observance = (kind: "STANDARD" | "DAYLIGHT", start: string, offsetFrom: number, offsetTo: number, name: string | null) => {
    lines.push(`BEGIN:${kind}`, `DTSTART:${start}`, `TZOFFSETFROM:${formatOffset(offsetFrom)}`, `TZOFFSETTO:${formatOffset(offsetTo)}`);
    if (name) lines.push(`TZNAME:${name}`);
    lines.push(`END:${kind}`);
  };
  // The offset in force at the start of the window, so earlier times resolve too.
  observance(initial > standardOffset ? "DAYLIGHT" : "STANDARD", localStamp(from, initial), initial, initial, abbreviation(from, timezone));
  for (const t of transitions) {
    const kind = t.offsetTo > t.offsetFrom ? "DAYLIGHT" : "STANDARD";
    // RFC 5545: the onset is given in the local time in force before the change.
    observance(kind, localStamp(t.at.getTime(), t.offsetFrom), t.offsetFrom, t.offsetTo, abbreviation(t.at.getTime(), timezone));
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
