import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { ukBounds } from "~/modules/places";
import { expandSchedule } from "./schedule";
import {
  activityToFormDefaults,
  createActivityFormSchema,
  parsePriceToPence,
  parseTags,
  scheduleFromFields,
  type EditableActivity,
} from "./activity-form-schema";

const now = new Date("2026-11-20T12:00:00Z");
const schema = createActivityFormSchema({ bounds: ukBounds, now });

function form(overrides: Record<string, string | string[] | undefined> = {}) {
  const fields: Record<string, string | string[] | undefined> = {
    title: "Walk",
    summary: "A walk in the park",
    category: "walking",
    costType: "free",
    requiresScreening: "no",
    capacity: "12",
    contactPhone: "0113 496 0000",
    mode: "in_person",
    venueName: "Gate",
    town: "Leeds",
    postcode: "ls63ab",
    "schedules[0].repeat": "weekly",
    "schedules[0].days": ["TU", "TH"],
    "schedules[0].interval": "2",
    "schedules[0].startsOn": "2026-11-24",
    "schedules[0].startTime": "10:00",
    "schedules[0].endTime": "11:30",
    "schedules[0].timezone": "Europe/London",
    ...overrides,
  };
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) for (const x of [v].flat()) data.append(k, x);
  return parseWithZod(data, { schema });
}

/** Field errors whatever the outcome (undefined on success). */
const errorsOf = (submission: { status?: string }) =>
  (submission as { error?: Record<string, string[] | null> }).error ?? {};

describe("the activity form schema", () => {
  it("accepts a minimal walking group and normalises the postcode", () => {
    const result = form();
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.postcode).toBe("LS6 3AB");
    expect(scheduleFromFields(result.value.schedules[0])).toEqual({
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
      startsOn: "2026-11-24",
      startTime: "10:00",
      durationMinutes: 90,
      timezone: "Europe/London",
      until: null,
    });
  });

  it("turns monthly and one-off choices into rules", () => {
    const monthly = form({ "schedules[0].repeat": "monthly", "schedules[0].nth": "-1", "schedules[0].day": "FR" });
    expect(monthly.status).toBe("success");
    if (monthly.status === "success") expect(scheduleFromFields(monthly.value.schedules[0]).rrule).toBe("FREQ=MONTHLY;BYDAY=-1FR");
    const once = form({
      "schedules[0].repeat": "once",
      "schedules[0].dates[0]": "2026-12-12",
      "schedules[0].dates[1]": "",
      "schedules[0].dates[2]": "2026-12-05",
    });
    expect(once.status).toBe("success");
    if (once.status !== "success") return;
    const rule = scheduleFromFields(once.value.schedules[0]);
    expect(rule).toMatchObject({ rrule: "RDATE=20261205,20261212", startsOn: "2026-12-05", until: null });
    expect(expandSchedule(rule, { from: now, to: new Date("2027-01-01") })).toHaveLength(2);
  });

  it("puts each problem next to its field", () => {
    const result = form({
      title: "",
      "schedules[0].days": undefined,
      mode: "online",
      costType: "paid",
      price: "lots",
      contactPhone: undefined,
      capacity: "0",
    });
    expect(result.status).toBe("error");
    expect(Object.keys(errorsOf(result)).sort()).toEqual(
      ["capacity", "contactEmail", "onlineUrl", "price", "schedules[0].days", "title"].sort(),
    );
  });

  it("checks the point against the allowed area, and wants both coordinates", () => {
    expect(errorsOf(form({ lat: "48.8566", lng: "2.3522" })).lat).toEqual(["That point is outside the area Linkway covers"]);
    expect(errorsOf(form({ lat: "53.8" })).lng).toBeDefined();
    expect(form({ lat: "53.8", lng: "-1.55" }).status).toBe("success");
  });

  it("refuses a schedule with no session in the next twelve weeks", () => {
    expect(errorsOf(form({ "schedules[0].startsOn": "2027-03-01" }))["schedules[0].startsOn"]?.[0]).toMatch(/no sessions in the next 12 weeks/);
    expect(errorsOf(form({ "schedules[0].startsOn": "2026-01-06", "schedules[0].until": "2026-06-01" }))["schedules[0].until"]?.[0]).toMatch(
      /no sessions/,
    );
  });

  it("needs a description of a new photo", () => {
    const photo = new File([new Uint8Array(10)], "a.png", { type: "image/png" });
    const data = new FormData();
    const base = form();
    expect(base.status).toBe("success");
    data.append("photo", photo);
    const result = parseWithZod(data, { schema });
    expect(errorsOf(result).imageAlt).toBeDefined();
  });
});

describe("prices and tags", () => {
  it("reads prices in pounds", () => {
    expect(parsePriceToPence("4.50")).toBe(450);
    expect(parsePriceToPence("£4.5")).toBe(450);
    expect(parsePriceToPence("12")).toBe(1200);
    expect(parsePriceToPence("4.555")).toBeNull();
    expect(parsePriceToPence("free")).toBeNull();
  });

  it("tidies tags", () => {
    expect(parseTags(" Outdoors, nature ,, outdoors,  Dogs   welcome ")).toEqual(["outdoors", "nature", "dogs welcome"]);
  });
});

describe("editing defaults", () => {
  it("shows a stored activity and schedule back in the form's terms", () => {
    const activity = {
      title: "Walk", summary: "S", description: "", category: "walking", tags: ["a", "b"], suitableFor: [], costType: "paid",
      costPence: 450, costDetails: null, referralOffer: null, accessibility: ["bsl"], selfReferral: true, dropIn: false,
      requiresScreening: true, capacity: 10, completionSessions: null, contactName: null, contactEmail: "a@b.c", contactPhone: null,
      online: false, onlineUrl: null, venueName: "V", address: null, town: "Leeds", postcode: "LS6 3AB", lat: 53.8, lng: -1.5,
      imagePath: null, imageAlt: null,
    } satisfies EditableActivity;
    const defaults = activityToFormDefaults(activity, [
      { id: "s1", rrule: "FREQ=MONTHLY;BYDAY=2WE", startsOn: "2026-11-11", startTime: "18:30", durationMinutes: 120, timezone: "Europe/London", until: null },
    ]);
    expect(defaults).toMatchObject({ tags: "a, b", price: "4.50", requiresScreening: "yes", selfReferral: "on", lat: "53.8", mode: "in_person" });
    expect(defaults.schedules[0]).toMatchObject({ id: "s1", repeat: "monthly", nth: "2", day: "WE", startTime: "18:30", endTime: "20:30" });
  });
});
