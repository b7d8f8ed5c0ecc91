import { getTableColumns, type Table } from "drizzle-orm";
import * as rruleModule from "rrule";
import { describe, expect, it } from "vitest";
import { users } from "../schema/accounts";
import { activities, schedules } from "../schema/activities";
import { memberships, organisations } from "../schema/organisations";
import { DEMO_SEED, demoAccounts, demoPassword, generateDemoData, type DemoData } from "./demo-data";

// rrule ships UMD + ESM builds; accept either shape (as app/modules/activities/schedule.ts does).
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

// The fixed vocabulary, as in app/modules/activities/vocabulary.ts (db/ must not import app/).
const CATEGORIES = [
  "walking", "gardening", "arts-crafts", "exercise", "book-clubs", "cooking",
  "music", "volunteering", "peer-support", "befriending", "digital-skills", "advice",
];
const ACCESSIBILITY = [
  "step_free", "accessible_toilet", "hearing_loop", "bsl", "seating",
  "quiet_space", "parking", "public_transport", "large_print",
];
const SUITABILITY = [
  "adults", "older_people", "young_adults", "families", "no_experience_needed", "carers_welcome",
  "women_only", "men_only", "lgbtq", "dementia_friendly", "wheelchair_users",
];

/** City centres, independent of the generator's own tables. */
const TOWN_CENTRES: Record<string, { lat: number; lng: number }> = {
  Leeds: { lat: 53.7997, lng: -1.5492 },
  Bristol: { lat: 51.4545, lng: -2.5879 },
  Manchester: { lat: 53.4808, lng: -2.2426 },
  Norwich: { lat: 52.6309, lng: 1.2974 },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/;
const JS_WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function kmBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function weekdayOf(date: string): string {
  return JS_WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

const data: DemoData = generateDemoData();
const published = data.activities.filter((a) => a.status === "published");
const providers = data.organisations.filter((o) => o.kind === "provider");
const inPerson = data.activities.filter((a) => !a.online);

describe("generateDemoData", () => {
  it("is deterministic: the same seed gives identical output", () => {
    const again = generateDemoData(DEMO_SEED);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it("varies with the seed", () => {
    const other = generateDemoData(DEMO_SEED + 1);
    expect(other.activities[0].id).not.toBe(data.activities[0].id);
    expect(other.activities.map((a) => a.title)).not.toEqual(data.activities.map((a) => a.title));
  });

  it("is big enough to feel real", () => {
    expect(published.length).toBeGreaterThanOrEqual(300);
    expect(providers.length).toBeGreaterThanOrEqual(25);
    expect(new Set(inPerson.map((a) => a.town)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(providers.map((o) => o.town)).size).toBeGreaterThanOrEqual(3);
    expect(data.organisations.filter((o) => o.kind === "referrer").length).toBeGreaterThanOrEqual(3);
  });

  it("covers every category with several activities", () => {
    for (const category of CATEGORIES) {
      expect(published.filter((a) => a.category === category).length, category).toBeGreaterThanOrEqual(10);
    }
    expect(data.activities.every((a) => CATEGORIES.includes(a.category))).toBe(true);
  });

  it("has at least eight online-only activities, with no place attached", () => {
    const online = data.activities.filter((a) => a.online && a.onlineUrl !== null);
    expect(online.length).toBeGreaterThanOrEqual(8);
    for (const a of data.activities.filter((x) => x.online)) {
      expect([a.lat, a.lng, a.venueName, a.address, a.postcode, a.town]).toEqual([null, null, null, null, null, null]);
    }
    for (const a of online) expect(a.onlineUrl).toMatch(/^https:\/\/meet\.example\.org\/[a-z0-9-]+$/);
  });

  it("places in-person activities in Great Britain, within 15 km of their town centre", () => {
    for (const a of inPerson) {
      expect(a.lat).not.toBeNull();
      expect(a.lng).not.toBeNull();
      const point = { lat: a.lat!, lng: a.lng! };
      expect(point.lat).toBeGreaterThan(49.8);
      expect(point.lat).toBeLessThan(60.9);
      expect(point.lng).toBeGreaterThan(-8.7);
      expect(point.lng).toBeLessThan(1.8);
      const centre = TOWN_CENTRES[a.town ?? ""];
      expect(centre, `${a.title}: town ${a.town}`).toBeDefined();
      expect(kmBetween(point, centre), a.title).toBeLessThan(15);
      expect(a.venueName && a.address, a.title).toBeTruthy();
    }
  });

  it("uses real-looking UK postcodes for every venue", () => {
    for (const a of inPerson) expect(a.postcode, a.title).toMatch(UK_POSTCODE);
  });

  it("gives every row a unique UUID-shaped id", () => {
    const ids = [...data.organisations, ...data.users, ...data.activities, ...data.schedules].map((r) => r.id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps titles unique, summaries short and descriptions to a few sentences", () => {
    expect(new Set(data.activities.map((a) => a.title)).size).toBe(data.activities.length);
    for (const a of data.activities) {
      expect(a.summary.length, a.title).toBeLessThanOrEqual(160);
      const sentences = a.description.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, a.title).toBeGreaterThanOrEqual(2);
      expect(sentences.length, a.title).toBeLessThanOrEqual(4);
      expect(`${a.title} ${a.summary} ${a.description}`).not.toMatch(/[{}]/);
    }
  });

  it("uses only the fixed accessibility and suitability keys", () => {
    for (const a of data.activities) {
      for (const key of a.accessibility) expect(ACCESSIBILITY).toContain(key);
      for (const key of a.suitableFor) expect(SUITABILITY).toContain(key);
      expect(new Set(a.accessibility).size).toBe(a.accessibility.length);
    }
    expect(new Set(data.activities.flatMap((a) => a.accessibility))).toEqual(new Set(ACCESSIBILITY));
    expect(new Set(data.activities.flatMap((a) => a.suitableFor))).toEqual(new Set(SUITABILITY));
  });

  it("has consistent, varied costs", () => {
    const byType = (t: string) => data.activities.filter((a) => a.costType === t);
    expect(byType("free").length).toBeGreaterThan(data.activities.length / 2);
    expect(byType("paid").length).toBeGreaterThan(10);
    expect(byType("pay_what_you_can").length).toBeGreaterThan(10);
    for (const a of byType("paid")) {
      expect(a.costPence, a.title).toBeGreaterThan(0);
      expect(a.costDetails, a.title).toBeTruthy();
    }
    for (const a of [...byType("free"), ...byType("pay_what_you_can")]) expect(a.costPence).toBeNull();
    for (const a of byType("pay_what_you_can")) expect(a.costDetails).toBeTruthy();
    expect(byType("paid").filter((a) => a.referralOffer).length).toBeGreaterThan(3);
  });

  it("mixes ways of joining and realistic capacities", () => {
    for (const a of data.activities) {
      expect(a.capacity).toBeGreaterThanOrEqual(6);
      expect(a.capacity).toBeLessThanOrEqual(30);
      if (a.dropIn) expect(a.requiresScreening, a.title).toBe(false);
    }
    expect(data.activities.filter((a) => a.dropIn).length).toBeGreaterThan(30);
    expect(data.activities.filter((a) => a.requiresScreening).length).toBeGreaterThan(30);
    expect(data.activities.filter((a) => !a.selfReferral).length).toBeGreaterThan(10);
    expect(data.activities.filter((a) => a.completionSessions !== null).length).toBeGreaterThan(10);
  });

  it("keeps a handful of drafts and two or three archived listings", () => {
    const drafts = data.activities.filter((a) => a.status === "draft");
    const archived = data.activities.filter((a) => a.status === "archived");
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    expect(drafts.length).toBeLessThanOrEqual(10);
    expect(archived.length).toBeGreaterThanOrEqual(2);
    expect(archived.length).toBeLessThanOrEqual(3);
    for (const a of drafts) expect(a.publishedAt).toBeNull();
    for (const a of [...published, ...archived]) expect(a.publishedAt).toBeInstanceOf(Date);
  });
});

describe("schedules", () => {
  it("gives every activity one schedule, and a handful two", () => {
    const perActivity = new Map<string, number>();
    for (const s of data.schedules) perActivity.set(s.activityId, (perActivity.get(s.activityId) ?? 0) + 1);
    for (const a of data.activities) expect(perActivity.get(a.id) ?? 0, a.title).toBeGreaterThanOrEqual(1);
    const twos = [...perActivity.values()].filter((n) => n === 2).length;
    expect(twos).toBeGreaterThanOrEqual(2);
    expect(twos).toBeLessThanOrEqual(15);
    expect(Math.max(...perActivity.values())).toBe(2);
    expect(perActivity.size).toBe(data.activities.length);
  });

  it("uses weekly, fortnightly and monthly rules", () => {
    const rules = data.schedules.map((s) => s.rrule);
    const weekly = rules.filter((r) => /^FREQ=WEEKLY;BYDAY=[A-Z]{2}$/.test(r));
    const fortnightly = rules.filter((r) => /^FREQ=WEEKLY;INTERVAL=2;BYDAY=[A-Z]{2}$/.test(r));
    const monthly = rules.filter((r) => /^FREQ=MONTHLY;BYDAY=(-1|[1-4])[A-Z]{2}$/.test(r));
    expect(weekly.length + fortnightly.length + monthly.length).toBe(rules.length);
    expect(weekly.length).toBeGreaterThan(50);
    expect(fortnightly.length).toBeGreaterThan(30);
    expect(monthly.length).toBeGreaterThan(30);
    expect(rules.some((r) => r.endsWith("BYDAY=-1FR") || /BYDAY=-1/.test(r))).toBe(true);
  });

  it("starts each schedule on a day its rule produces, in September–November 2026", () => {
    for (const s of data.schedules) {
      expect(s.startsOn >= "2026-09-01" && s.startsOn <= "2026-11-30", s.startsOn).toBe(true);
      expect(s.startTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(s.timezone).toBe("Europe/London");
      expect(s.durationMinutes).toBeGreaterThanOrEqual(30);
      if (s.until !== null) expect(s.until).toMatch(/^2027-\d{2}-\d{2}$/);

      const byday = /BYDAY=(-1|[1-4])?([A-Z]{2})$/.exec(s.rrule);
      expect(byday, s.rrule).not.toBeNull();
      const [, nth, day] = byday!;
      expect(weekdayOf(s.startsOn), `${s.rrule} from ${s.startsOn}`).toBe(day);
      if (nth) {
        const date = new Date(`${s.startsOn}T00:00:00Z`);
        const dayOfMonth = date.getUTCDate();
        const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
        if (nth === "-1") expect(dayOfMonth + 7).toBeGreaterThan(daysInMonth);
        else expect(Math.ceil(dayOfMonth / 7)).toBe(Number(nth));
      }
    }
  });

  it("agrees with the rrule library about the first occurrence", () => {
    for (const s of data.schedules) {
      const dtstart = `${s.startsOn.replace(/-/g, "")}T${s.startTime.replace(":", "")}00Z`;
      const rule = RRule.fromString(`DTSTART:${dtstart}\nRRULE:${s.rrule}`);
      const first = rule.after(new Date(`${s.startsOn}T00:00:00Z`), true);
      expect(first?.toISOString().slice(0, 10), s.rrule).toBe(s.startsOn);
    }
  });

  it("leaves most schedules open-ended, with a few ending in 2027", () => {
    const ending = data.schedules.filter((s) => s.until !== null).length;
    expect(ending).toBeGreaterThan(0);
    expect(ending).toBeLessThan(data.schedules.length / 4);
  });
});

describe("people and organisations", () => {
  const userByEmail = (email: string) => data.users.find((u) => u.email === email);
  const membershipsOf = (email: string) => data.memberships.filter((m) => m.userId === userByEmail(email)?.id);

  it("has the demo accounts with the right roles", () => {
    const firstProvider = providers[0];
    const firstReferrer = data.organisations.find((o) => o.kind === "referrer")!;
    expect(firstProvider.town).toBe("Leeds");
    expect(firstReferrer.town).toBe("Leeds");
    expect(membershipsOf("organiser@linkway.test")).toEqual([
      { organisationId: firstProvider.id, userId: userByEmail("organiser@linkway.test")!.id, role: "owner" },
    ]);
    expect(membershipsOf("volunteer@linkway.test")).toEqual([
      { organisationId: firstProvider.id, userId: userByEmail("volunteer@linkway.test")!.id, role: "member" },
    ]);
    expect(membershipsOf("referrer@linkway.test")).toEqual([
      { organisationId: firstReferrer.id, userId: userByEmail("referrer@linkway.test")!.id, role: "owner" },
    ]);
    expect(membershipsOf("gp@linkway.test").map((m) => m.organisationId)).toEqual([firstReferrer.id]);
    expect(userByEmail("admin@linkway.test")?.isAdmin).toBe(true);
    expect(membershipsOf("admin@linkway.test")).toEqual([]);
    expect(data.users.filter((u) => u.isAdmin)).toHaveLength(1);

    const ownActivities = data.activities.filter((a) => a.organisationId === firstProvider.id);
    expect(ownActivities.some((a) => a.status === "draft")).toBe(true);
    expect(ownActivities.some((a) => a.status === "archived")).toBe(true);
  });

  it("lists the demo accounts for the README and start-up banner", () => {
    expect(demoAccounts.map((a) => a.role).slice(0, 3)).toEqual(["Organiser", "Referrer", "Admin"]);
    for (const account of demoAccounts) {
      expect(account.password).toBe(demoPassword);
      expect(userByEmail(account.email), account.email).toBeDefined();
    }
  });

  it("gives every organisation exactly one owner and every user a unique .test email", () => {
    for (const org of data.organisations) {
      expect(data.memberships.filter((m) => m.organisationId === org.id && m.role === "owner"), org.name).toHaveLength(1);
    }
    const emails = data.users.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.test$/);
  });

  it("links rows to rows that exist", () => {
    const orgIds = new Set(data.organisations.map((o) => o.id));
    const providerIds = new Set(providers.map((o) => o.id));
    const userIds = new Set(data.users.map((u) => u.id));
    const activityIds = new Set(data.activities.map((a) => a.id));
    for (const m of data.memberships) {
      expect(orgIds.has(m.organisationId)).toBe(true);
      expect(userIds.has(m.userId)).toBe(true);
    }
    for (const a of data.activities) {
      expect(providerIds.has(a.organisationId), a.title).toBe(true);
      const creatorIsMember = data.memberships.some((m) => m.organisationId === a.organisationId && m.userId === a.createdBy);
      expect(creatorIsMember, a.title).toBe(true);
      const org = providers.find((o) => o.id === a.organisationId)!;
      if (a.town) expect(a.town, a.title).toBe(org.town);
    }
    for (const s of data.schedules) expect(activityIds.has(s.activityId)).toBe(true);
  });
});

describe("shapes match the Drizzle tables", () => {
  // Type-level: each array can be passed straight to db.insert(table).values(…).
  const _typed = {
    organisations: data.organisations satisfies (typeof organisations.$inferInsert)[],
    users: data.users satisfies (typeof users.$inferInsert)[],
    memberships: data.memberships satisfies (typeof memberships.$inferInsert)[],
    activities: data.activities satisfies (typeof activities.$inferInsert)[],
    schedules: data.schedules satisfies (typeof schedules.$inferInsert)[],
  };

  const cases: [string, Table, object[]][] = [
    ["organisations", organisations, data.organisations],
    ["users", users, data.users],
    ["memberships", memberships, data.memberships],
    ["activities", activities, data.activities],
    ["schedules", schedules, data.schedules],
  ];

  it.each(cases)("%s rows only use the table's columns", (_name, table, rows) => {
    const columns = Object.keys(getTableColumns(table));
    const used = new Set(rows.flatMap((row) => Object.keys(row)));
    expect([...used].filter((key) => !columns.includes(key))).toEqual([]);
  });
});
