import { describe, expect, it } from "vitest";
import { MAX_OCCURRENCES, describeSchedule, expandSchedule, fromRrule, toRrule, type RepeatChoice, type ScheduleRule } from "./schedule";
import { formatInTimezone, localDateTimeToUtc } from "~/utils/time";

const LONDON = "Europe/London";

function rule(overrides: Partial<ScheduleRule>): ScheduleRule {
  return {
    rrule: "FREQ=WEEKLY;BYDAY=TU",
    startsOn: "2026-01-06",
    startTime: "10:00",
    durationMinutes: 60,
    timezone: LONDON,
    until: null,
    ...overrides,
  };
}

function window(from: string, to: string) {
  return { from: new Date(from), to: new Date(to) };
}

const starts = (occurrences: { startsAt: Date }[]) => occurrences.map((o) => o.startsAt.toISOString());

describe("localDateTimeToUtc", () => {
  it("uses GMT in winter and BST in summer", () => {
    expect(localDateTimeToUtc("2026-01-13", "10:00", LONDON).toISOString()).toBe("2026-01-13T10:00:00.000Z");
    expect(localDateTimeToUtc("2026-07-14", "10:00", LONDON).toISOString()).toBe("2026-07-14T09:00:00.000Z");
  });

  it("moves a time the clocks skip (01:30 on 29 March 2026) on to 02:30 BST", () => {
    expect(localDateTimeToUtc("2026-03-29", "01:30", LONDON).toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("takes the first (BST) 01:30 when the clocks go back on 25 October 2026", () => {
    expect(localDateTimeToUtc("2026-10-25", "01:30", LONDON).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(localDateTimeToUtc("2026-10-25", "02:00", LONDON).toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it("works east of Greenwich and across the date line", () => {
    expect(localDateTimeToUtc("2026-01-01", "00:30", "Europe/Berlin").toISOString()).toBe("2025-12-31T23:30:00.000Z");
    expect(localDateTimeToUtc("2026-01-01", "09:00", "Pacific/Auckland").toISOString()).toBe("2025-12-31T20:00:00.000Z");
  });

  it("rejects malformed input and unknown timezones", () => {
    expect(() => localDateTimeToUtc("2026-02-30", "10:00", LONDON)).toThrow(RangeError);
    expect(() => localDateTimeToUtc("2026-02-03", "24:00", LONDON)).toThrow(RangeError);
    expect(() => localDateTimeToUtc("2026-02-03", "10:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("expandSchedule", () => {
  it("keeps a weekly walk at 10:00 local when the clocks go forward (29 March 2026)", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=TU", startsOn: "2026-03-01" }),
      window("2026-03-17T00:00:00Z", "2026-04-08T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-03-17T10:00:00.000Z",
      "2026-03-24T10:00:00.000Z",
      "2026-03-31T09:00:00.000Z",
      "2026-04-07T09:00:00.000Z",
    ]);
    expect(occ.map((o) => formatInTimezone(o.startsAt, LONDON, "time"))).toEqual(["10:00", "10:00", "10:00", "10:00"]);
  });

  it("keeps it at 10:00 local when the clocks go back (25 October 2026), on two days a week", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=TU,TH", startsOn: "2026-01-01", durationMinutes: 90 }),
      window("2026-10-20T00:00:00Z", "2026-10-30T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-10-20T09:00:00.000Z",
      "2026-10-22T09:00:00.000Z",
      "2026-10-27T10:00:00.000Z",
      "2026-10-29T10:00:00.000Z",
    ]);
    expect(occ[2].endsAt.toISOString()).toBe("2026-10-27T11:30:00.000Z");
    for (const o of occ) expect(o.occurrenceAt.getTime()).toBe(o.startsAt.getTime());
  });

  it("repeats fortnightly counting from the first week", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", startsOn: "2026-01-07", startTime: "14:00" }),
      window("2026-01-01T00:00:00Z", "2026-02-20T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-01-07T14:00:00.000Z",
      "2026-01-21T14:00:00.000Z",
      "2026-02-04T14:00:00.000Z",
      "2026-02-18T14:00:00.000Z",
    ]);
  });

  it("does not start before startsOn", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=TU", startsOn: "2026-01-14" }),
      window("2026-01-01T00:00:00Z", "2026-01-25T00:00:00Z"),
    );
    expect(starts(occ)).toEqual(["2026-01-20T10:00:00.000Z"]);
  });

  it("finds the first Saturday of each month, into BST", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=MONTHLY;BYDAY=1SA", startsOn: "2026-01-01", durationMinutes: 120 }),
      window("2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-01-03T10:00:00.000Z",
      "2026-02-07T10:00:00.000Z",
      "2026-03-07T10:00:00.000Z",
      "2026-04-04T09:00:00.000Z",
    ]);
  });

  it("finds the last Friday across month and year ends and February 2027", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=MONTHLY;BYDAY=-1FR", startsOn: "2026-11-01" }),
      window("2026-11-01T00:00:00Z", "2027-05-01T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-11-27T10:00:00.000Z",
      "2026-12-25T10:00:00.000Z",
      "2027-01-29T10:00:00.000Z",
      "2027-02-26T10:00:00.000Z",
      "2027-03-26T10:00:00.000Z", // clocks change on the 28th
      "2027-04-30T09:00:00.000Z",
    ]);
  });

  it("includes the whole of the `until` day, even late in the evening", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=TU", startsOn: "2026-01-06", startTime: "23:30", until: "2026-01-20" }),
      window("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-01-06T23:30:00.000Z",
      "2026-01-13T23:30:00.000Z",
      "2026-01-20T23:30:00.000Z",
    ]);
  });

  it("expands one-off dates at the schedule's time, in order", () => {
    const occ = expandSchedule(
      rule({ rrule: "RDATE=20261212,20260704,20261205", startsOn: "2026-07-04", until: "2026-08-01" }),
      window("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    );
    // `until` is ignored: the dates are the whole schedule.
    expect(starts(occ)).toEqual([
      "2026-07-04T09:00:00.000Z",
      "2026-12-05T10:00:00.000Z",
      "2026-12-12T10:00:00.000Z",
    ]);
  });

  it("moves a 01:30 start on the spring-forward night to 02:30 BST, and back to 01:30 after", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=SU", startsOn: "2026-03-22", startTime: "01:30" }),
      window("2026-03-20T00:00:00Z", "2026-04-06T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-03-22T01:30:00.000Z",
      "2026-03-29T01:30:00.000Z",
      "2026-04-05T00:30:00.000Z",
    ]);
    expect(formatInTimezone(occ[1].startsAt, LONDON, "time")).toBe("02:30");
  });

  it("works for other timezones, with their own clock changes (New York, 8 March 2026)", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=WEEKLY;BYDAY=MO", startsOn: "2026-02-23", startTime: "18:00", timezone: "America/New_York" }),
      window("2026-02-23T00:00:00Z", "2026-03-17T00:00:00Z"),
    );
    expect(starts(occ)).toEqual([
      "2026-02-23T23:00:00.000Z",
      "2026-03-02T23:00:00.000Z",
      "2026-03-09T22:00:00.000Z",
      "2026-03-16T22:00:00.000Z",
    ]);
  });

  it("filters on startsAt: from inclusive, to exclusive", () => {
    const r = rule({ rrule: "FREQ=WEEKLY;BYDAY=TU", startsOn: "2026-01-06" });
    const occ = expandSchedule(r, window("2026-01-13T10:00:00Z", "2026-01-27T10:00:00Z"));
    expect(starts(occ)).toEqual(["2026-01-13T10:00:00.000Z", "2026-01-20T10:00:00.000Z"]);
    // A session already under way at `from` is not returned.
    expect(expandSchedule(r, window("2026-01-13T10:30:00Z", "2026-01-20T10:00:00Z"))).toEqual([]);
  });

  it("returns [] when nothing falls in the window", () => {
    expect(expandSchedule(rule({ until: "2026-02-01" }), window("2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z"))).toEqual([]);
    expect(expandSchedule(rule({ startsOn: "2027-01-01" }), window("2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z"))).toEqual([]);
    expect(expandSchedule(rule({ rrule: "RDATE=20261205" }), window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))).toEqual([]);
    expect(expandSchedule(rule({}), window("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z"))).toEqual([]);
  });

  it("expands a window far from startsOn without walking from the start", () => {
    const occ = expandSchedule(
      rule({ rrule: "FREQ=DAILY", startsOn: "2000-01-01" }),
      window("2030-01-01T00:00:00Z", "2030-01-04T00:00:00Z"),
    );
    expect(occ).toHaveLength(3);
  });

  it("caps a runaway expansion", () => {
    const occ = expandSchedule(rule({ rrule: "FREQ=DAILY" }), window("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z"));
    expect(occ).toHaveLength(MAX_OCCURRENCES);
  });

  it("rejects sub-daily rules and rules without FREQ", () => {
    const w = window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    expect(() => expandSchedule(rule({ rrule: "FREQ=HOURLY" }), w)).toThrow(RangeError);
    expect(() => expandSchedule(rule({ rrule: "BYDAY=TU" }), w)).toThrow();
  });
});

describe("toRrule / fromRrule", () => {
  const cases: [RepeatChoice, string][] = [
    [{ kind: "weekly", days: ["TU", "TH"], interval: 1 }, "FREQ=WEEKLY;BYDAY=TU,TH"],
    [{ kind: "weekly", days: ["WE"], interval: 2 }, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"],
    [{ kind: "monthly", nth: 2, day: "TH" }, "FREQ=MONTHLY;BYDAY=2TH"],
    [{ kind: "monthly", nth: -1, day: "FR" }, "FREQ=MONTHLY;BYDAY=-1FR"],
    [{ kind: "once", dates: ["2026-12-05", "2026-12-12"] }, "RDATE=20261205,20261212"],
  ];

  it.each(cases)("round-trips %j", (choice, rrule) => {
    expect(toRrule(choice)).toBe(rrule);
    expect(fromRrule(rrule)).toEqual(choice);
  });

  it("normalises day and date order", () => {
    expect(toRrule({ kind: "weekly", days: ["TH", "TU"], interval: 1 })).toBe("FREQ=WEEKLY;BYDAY=TU,TH");
    expect(toRrule({ kind: "once", dates: ["2026-12-12", "2026-12-05", "2026-12-12"] })).toBe("RDATE=20261205,20261212");
    expect(fromRrule("freq=weekly;byday=th,tu")).toEqual({ kind: "weekly", days: ["TU", "TH"], interval: 1 });
  });

  it("rejects a 5th weekday and other invalid choices", () => {
    expect(() => toRrule({ kind: "monthly", nth: 5 as never, day: "SA" })).toThrow(RangeError);
    expect(() => toRrule({ kind: "weekly", days: [], interval: 1 })).toThrow(RangeError);
    expect(() => toRrule({ kind: "weekly", days: ["MO", "MO"], interval: 1 })).toThrow(RangeError);
    expect(() => toRrule({ kind: "weekly", days: ["MO"], interval: 0 })).toThrow(RangeError);
    expect(() => toRrule({ kind: "once", dates: [] })).toThrow(RangeError);
    expect(() => toRrule({ kind: "once", dates: ["2026-02-30"] })).toThrow(RangeError);
  });

  it("returns null for rules the form cannot express", () => {
    expect(fromRrule("FREQ=MONTHLY;BYDAY=5SA")).toBeNull();
    expect(fromRrule("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA")).toBeNull();
    expect(fromRrule("FREQ=MONTHLY;BYMONTHDAY=15")).toBeNull();
    expect(fromRrule("FREQ=WEEKLY")).toBeNull();
    expect(fromRrule("FREQ=WEEKLY;BYDAY=TU;COUNT=10")).toBeNull();
    expect(fromRrule("FREQ=DAILY")).toBeNull();
    expect(fromRrule("RDATE=20260230")).toBeNull();
    expect(fromRrule("")).toBeNull();
  });
});

describe("describeSchedule", () => {
  it("describes weekly, fortnightly, monthly and one-off schedules", () => {
    expect(describeSchedule(rule({ rrule: "FREQ=WEEKLY;BYDAY=TU,TH", durationMinutes: 90 }))).toBe(
      "Every Tuesday and Thursday, 10:00 to 11:30",
    );
    expect(describeSchedule(rule({ rrule: "FREQ=WEEKLY;BYDAY=MO,WE,FR" }))).toBe(
      "Every Monday, Wednesday and Friday, 10:00 to 11:00",
    );
    expect(describeSchedule(rule({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", startTime: "14:00" }))).toBe(
      "Every 2 weeks on Wednesday, 14:00 to 15:00",
    );
    expect(describeSchedule(rule({ rrule: "FREQ=MONTHLY;BYDAY=1SA", durationMinutes: 120 }))).toBe(
      "First Saturday of the month, 10:00 to 12:00",
    );
    expect(describeSchedule(rule({ rrule: "FREQ=MONTHLY;BYDAY=-1FR" }))).toBe("Last Friday of the month, 10:00 to 11:00");
    expect(describeSchedule(rule({ rrule: "RDATE=20261205" }))).toBe("Once, on Saturday 5 December 2026, 10:00 to 11:00");
    expect(describeSchedule(rule({ rrule: "RDATE=20261205,20261212" }))).toBe(
      "On Saturday 5 December 2026 and Saturday 12 December 2026, 10:00 to 11:00",
    );
  });

  it("mentions the end date and crosses midnight", () => {
    expect(describeSchedule(rule({ until: "2026-12-15" }))).toBe(
      "Every Tuesday, 10:00 to 11:00, until Tuesday 15 December 2026",
    );
    expect(describeSchedule(rule({ startTime: "23:00", durationMinutes: 120 }))).toBe("Every Tuesday, 23:00 to 01:00");
  });

  it("falls back to rrule's words for other rules", () => {
    expect(describeSchedule(rule({ rrule: "FREQ=DAILY" }))).toBe("Every day, 10:00 to 11:00");
  });
});

describe("formatInTimezone", () => {
  const d = new Date("2026-11-24T10:00:00Z");

  it("formats en-GB in the given timezone", () => {
    expect(formatInTimezone(d, LONDON)).toBe("Tuesday 24 November, 10:00");
    expect(formatInTimezone(d, LONDON, "date")).toBe("Tuesday 24 November");
    expect(formatInTimezone(d, LONDON, "fullDate")).toBe("Tuesday 24 November 2026");
    expect(formatInTimezone(new Date("2026-06-02T09:05:00Z"), LONDON, "time")).toBe("10:05");
    expect(formatInTimezone(d, "America/New_York")).toBe("Tuesday 24 November, 05:00");
  });
});
