import { describe, expect, it } from "vitest";
import { readFeedEvents } from "./ics-events.server";

const spring = { from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-05-01T00:00:00Z"), timezone: "Europe/London" };
const file = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...lines, "END:VCALENDAR", ""].join("\r\n");

describe("reading an organiser's calendar file", () => {
  it("follows a zone Outlook names its own way through the file's VTIMEZONE, across the clock change", () => {
    const read = readFeedEvents(
      file(
        "BEGIN:VTIMEZONE", "TZID:GMT Standard Time",
        "BEGIN:STANDARD", "DTSTART:16011028T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0100", "TZOFFSETTO:-0000", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010325T010000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "TZOFFSETFROM:-0000", "TZOFFSETTO:+0100", "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:outlook@test", "DTSTAMP:20270101T000000Z",
        "DTSTART;TZID=GMT Standard Time:20270322T100000", "DTEND;TZID=GMT Standard Time:20270322T110000", "RRULE:FREQ=WEEKLY;COUNT=2",
        "END:VEVENT",
      ),
      spring,
    );
    if (!read.ok) throw new Error(read.reason);
    expect(read.occurrences.map((o) => o.startsAt.toISOString())).toEqual(["2027-03-22T10:00:00.000Z", "2027-03-29T09:00:00.000Z"]);
  });

  it("leaves all-day entries out: they are not sessions with a time", () => {
    const read = readFeedEvents(file("BEGIN:VEVENT", "UID:bank-holiday@test", "DTSTAMP:20270101T000000Z", "DTSTART;VALUE=DATE:20270329", "END:VEVENT"), spring);
    expect(read).toEqual({ ok: true, occurrences: [] });
  });

  it("says a web page is not a calendar", () => {
    expect(readFeedEvents("<!doctype html><title>Sign in</title>", spring)).toEqual({ ok: false, reason: "This is not an iCalendar (.ics) file" });
  });
});
