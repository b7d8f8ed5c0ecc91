/**
 * Every .ics Linkway serves passes the RFC 5545 / RFC 5546 checks libical
 * makes of a published calendar (tests/factories/itip.ts), parses with an
 * independent library (ical.js), and names the organisation as ORGANIZER.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { activityCalendar, organisationCalendar } from "~/modules/interop/index.server";
import { bookingCalendar } from "~/modules/bookings/index.server";
import { createActivity, createOrganisation, createSession } from "../factories";
import { itipProblems } from "../factories/itip";

// A Tuesday 10:00 walk either side of the spring clock change (28 March 2027): 10:00 GMT, then 10:00 BST.
const winter = new Date("2027-03-23T10:00:00Z");
const summer = new Date("2027-03-30T09:00:00Z");
const now = new Date("2027-03-01T12:00:00Z");

async function walkAcrossTheClockChange(orgEmail: string | null, contactEmail: string | null) {
  const org = await createOrganisation({ name: "Leeds Walking for Health", email: orgEmail });
  const activity = await createActivity({ organisationId: org.id, contactEmail });
  for (const startsAt of [winter, summer]) await createSession(activity.id, { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) });
  return { org, activity };
}

function organizerOf(ics: string): { value: string; cn: string } {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  const p = event.getFirstProperty("organizer")!;
  return { value: String(p.getFirstValue()), cn: String(p.getParameter("cn")) };
}

describe("published calendars", () => {
  it("an activity's feed passes iTIP PUBLISH, with the organisation as ORGANIZER and the wall-clock time kept across BST", async () => {
    const { activity } = await walkAcrossTheClockChange("hello@walks.example.test", "walks@example.test");
    const { ics } = (await activityCalendar(activity.id, now))!;
    expect(itipProblems(ics)).toEqual([]);
    expect(organizerOf(ics)).toEqual({ value: "mailto:walks@example.test", cn: "Leeds Walking for Health" });
    const root = new ICAL.Component(ICAL.parse(ics));
    for (const z of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(z);
    const starts = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v).startDate);
    expect(starts.map((t) => `${t.hour}:${t.minute}`)).toEqual(["10:0", "10:0"]);
    expect(starts.map((t) => t.toJSDate().toISOString())).toEqual([winter.toISOString(), summer.toISOString()]);
  }, 120_000);

  it("an organisation's feed passes too; without any address it names the site's sending address, never a person", async () => {
    const { org } = await walkAcrossTheClockChange(null, null);
    const { ics } = (await organisationCalendar(org.id, now))!;
    expect(itipProblems(ics)).toEqual([]);
    expect(organizerOf(ics)).toEqual({ value: "mailto:no-reply@linkway.test", cn: "Leeds Walking for Health" });
  });

  it("a booking's file passes too", () => {
    const ics = bookingCalendar({
      bookingId: "6f1c2a8e-0000-4000-8000-000000000001",
      cancelled: true,
      createdAt: new Date("2026-06-01T10:00:00Z"),
      updatedAt: new Date("2026-06-02T10:00:00Z"),
      activityTitle: "Meanwood Health Walk with a long title that needs folding across more than one line of the file",
      startsAt: new Date("2026-06-09T09:00:00Z"),
      endsAt: new Date("2026-06-09T10:00:00Z"),
      location: "Meanwood Park, Green Road, Leeds",
      manageUrl: "https://linkway.example/r/abc.def",
      joiningUrl: null,
      reference: "K7P-4QX",
      organiserContact: "0113 496 0000",
      organizer: { name: "Leeds Walking for Health", email: "walks@example.test" },
    });
    expect(itipProblems(ics)).toEqual([]);
  });

  it("the check refuses what libical refuses", () => {
    const base = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "METHOD:PUBLISH", "BEGIN:VEVENT", "UID:a@b", "DTSTAMP:20270101T000000Z", "DTSTART:20270101T100000Z", "SUMMARY:Walk"];
    const end = ["END:VEVENT", "END:VCALENDAR", ""];
    expect(itipProblems([...base, ...end].join("\r\n"))).toEqual(["VEVENT a@b: ORGANIZER must appear once (found 0)"]);
    expect(itipProblems([...base, "ORGANIZER:mailto:x@y.test", "ATTENDEE:mailto:p@y.test", ...end].join("\r\n"))).toEqual(["VEVENT a@b: ATTENDEE is not allowed in PUBLISH"]);
    expect(itipProblems([...base, "ORGANIZER:mailto:x@y.test", "DTEND;TZID=Europe/London:20270101T110000", ...end].join("\r\n"))).toEqual(["VEVENT a@b: no VTIMEZONE for Europe/London"]);
  });
});
