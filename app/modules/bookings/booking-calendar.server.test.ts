import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { bookingCalendar, bookingUid } from "./booking-calendar.server";

const entry = {
  bookingId: "6f1c2a8e-0000-4000-8000-000000000001",
  cancelled: false,
  createdAt: new Date("2026-06-01T10:00:00Z"),
  updatedAt: new Date("2026-06-01T10:00:00Z"),
  activityTitle: "Meanwood Health Walk",
  startsAt: new Date("2026-06-09T09:00:00Z"),
  endsAt: new Date("2026-06-09T10:00:00Z"),
  location: "Meanwood Park, Green Road, Leeds",
  manageUrl: "https://linkway.example/r/abc.def",
  joiningUrl: null,
  reference: "K7P-4QX",
  organiserContact: "Sam, 0113 496 0000",
  organizer: { name: "Leeds Walking for Health", email: "walks@example.test" },
};

function parse(ics: string) {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  return {
    uid: vevent.getFirstPropertyValue("uid"),
    status: vevent.getFirstPropertyValue("status"),
    summary: vevent.getFirstPropertyValue("summary"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    start: (vevent.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate(),
    description: String(vevent.getFirstPropertyValue("description")),
  };
}

describe("booking calendar file", () => {
  it("is a valid calendar with a stable UID, the time and the reference", () => {
    const event = parse(bookingCalendar(entry));
    expect(event.uid).toBe(bookingUid(entry.bookingId));
    expect(event.status).toBe("CONFIRMED");
    expect(event.start.toISOString()).toBe(entry.startsAt.toISOString());
    expect(event.summary).toBe("Meanwood Health Walk");
    expect(event.description).toContain("K7P-4QX");
  });

  it("marks a cancelled booking CANCELLED under the same UID with a higher sequence", () => {
    const before = parse(bookingCalendar(entry));
    const after = parse(bookingCalendar({ ...entry, cancelled: true, updatedAt: new Date("2026-06-03T08:00:00Z") }));
    expect(after.uid).toBe(before.uid);
    expect(after.status).toBe("CANCELLED");
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
  });
});
