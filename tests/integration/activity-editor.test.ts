import { and, asc, eq, gte } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities, outbox, schedules, sessions } from "../../db/schema";
import * as editRoute from "~/routes/organiser.activities.$id.edit/route";
import * as newRoute from "~/routes/organiser.activities.new/route";
import * as publicPage from "~/routes/activities.$id/route";
import { findStrandedSessions } from "~/modules/activities/index.server";
import { addMember, createActivity, createOrganisation, createUser } from "../factories";
import { activityForm, bookPlace, data, londonDate, run } from "../factories/activities";
import { requestAs } from "../setup/auth";

let organiser: { id: string };
let otherOrganiser: { id: string };
let referrer: { id: string };
let orgId: string;

beforeAll(async () => {
  const org = await createOrganisation({ name: "Woodhouse Walkers" });
  orgId = org.id;
  organiser = await createUser();
  await addMember(org.id, organiser.id, "member");
  const other = await createOrganisation({ name: "Another Group" });
  otherOrganiser = await createUser();
  await addMember(other.id, otherOrganiser.id, "owner");
  const practice = await createOrganisation({ kind: "referrer", name: "A Practice" });
  referrer = await createUser();
  await addMember(practice.id, referrer.id, "owner");
});

async function createViaEditor(form = activityForm()) {
  const response = await run(newRoute.action, { request: await requestAs(organiser.id, "/organiser/activities/new", { form }) });
  if (!(response instanceof Response)) throw new Error(`Expected a redirect, got ${JSON.stringify(response)}`);
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  const id = /\/organiser\/activities\/([0-9a-f-]{36})\/edit/.exec(location)![1];
  return { id, location };
}

async function futureSessions(activityId: string) {
  const db = await getDb();
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.startsAt, new Date())))
    .orderBy(asc(sessions.startsAt));
}

async function activityCount() {
  const db = await getDb();
  return (await db.select({ id: activities.id }).from(activities)).length;
}

const fieldErrors = (result: unknown) => (result as { error?: Record<string, string[]> }).error ?? {};

describe("creating and publishing", () => {
  it("publishes a weekly walk with sessions for twelve weeks and a reindex in the outbox", async () => {
    const { id, location } = await createViaEditor();
    expect(location).toContain("saved=published");
    const db = await getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row).toMatchObject({
      status: "published",
      organisationId: orgId,
      category: "walking",
      tags: ["outdoors", "gentle"],
      accessibility: ["step_free", "seating"],
      selfReferral: true,
      requiresScreening: false,
      postcode: "LS6 3AB",
      lat: 53.8104,
      timezone: "Europe/London",
    });
    expect(row.publishedAt).not.toBeNull();
    const upcoming = await futureSessions(id);
    expect(upcoming.length).toBeGreaterThanOrEqual(11);
    expect(upcoming.length).toBeLessThanOrEqual(12);
    for (const s of upcoming) {
      expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(s.startsAt)).toBe("Tuesday 10:00");
      expect(s.capacity).toBe(12);
    }
    const queued = await db.select().from(outbox).where(eq(outbox.topic, "search"));
    expect(queued.some((m) => m.payload.activityId === id)).toBe(true);

    const page = await data(publicPage.loader, { request: new Request(`http://localhost/activities/${id}`), params: { id } });
    expect(page.sessions.map((s) => s.id)).toEqual(upcoming.slice(0, 8).map((s) => s.id));
  });

  it("saves a draft that the public cannot see", async () => {
    const { id } = await createViaEditor(activityForm({ intent: "save" }));
    const response = await run(publicPage.loader, { request: new Request(`http://localhost/activities/${id}`), params: { id } });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });

  it("places the activity at the postcode's area when no point is given, and says so", async () => {
    const { id, location } = await createViaEditor(activityForm({ lat: undefined, lng: undefined }));
    expect(new URL(location, "http://x").searchParams.get("placed")).toMatch(/Leeds/);
    const db = await getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row.lat).toBeCloseTo(53.8, 0);
    expect(row.lng).toBeCloseTo(-1.55, 0);
  });

  it("keeps the joining link of an online activity off the public page", async () => {
    const { id } = await createViaEditor(
      activityForm({ mode: "online", onlineUrl: "https://meet.example.org/secret-room", lat: undefined, lng: undefined }),
    );
    const page = await data(publicPage.loader, { request: new Request(`http://localhost/activities/${id}`), params: { id } });
    expect(JSON.stringify(page)).not.toContain("secret-room");
  });
});

describe("bad input changes nothing", () => {
  const cases: [string, Record<string, string | string[] | undefined>, string, RegExp][] = [
    ["a point outside the area", { lat: "48.85", lng: "2.35" }, "lat", /outside the area Linkway covers/],
    ["a schedule with no sessions in 12 weeks", { "schedules[0].startsOn": londonDate(120) }, "schedules[0].startsOn", /no sessions in the next 12 weeks/],
    ["a last date before the first", { "schedules[0].until": londonDate(-20) }, "schedules[0].until", /on or after the first date/],
    ["an end time before the start", { "schedules[0].endTime": "09:00" }, "schedules[0].endTime", /after the start time/],
    ["no days for a weekly schedule", { "schedules[0].days": undefined }, "schedules[0].days", /at least one day/],
    ["a bad postcode", { postcode: "NOT A CODE" }, "postcode", /UK postcode/],
    ["a paid activity without a price", { costType: "paid" }, "price", /price/],
    ["no contact", { contactEmail: undefined }, "contactEmail", /email address or a phone number/],
    ["a zero capacity", { capacity: "0" }, "capacity", /At least 1/],
    ["an unknown category", { category: "knitting-on-mars" }, "category", /from the list/],
    ["one-off dates all in the past", { "schedules[0].repeat": "once", "schedules[0].dates[0]": londonDate(-3) }, "schedules[0].dates", /None of these dates/],
  ];
  for (const [name, overrides, field, message] of cases) {
    it(`refuses ${name}, with a message next to the field`, async () => {
      const before = await activityCount();
      const result = await run(newRoute.action, {
        request: await requestAs(organiser.id, "/organiser/activities/new", { form: activityForm(overrides) }),
      });
      expect(result).not.toBeInstanceOf(Response);
      expect(fieldErrors(result)[field]?.join(" ")).toMatch(message);
      expect(await activityCount()).toBe(before);
    });
  }
});

describe("who may create and edit", () => {
  it("sends someone not signed in to sign in, and writes nothing", async () => {
    const { id } = await createViaEditor();
    for (const [fn, path, params] of [
      [newRoute.action, "/organiser/activities/new", {}],
      [editRoute.action, `/organiser/activities/${id}/edit`, { id }],
    ] as const) {
      const response = await run(fn, { request: await requestAs(null, path, { form: activityForm({ title: "Hijacked" }) }), params });
      expect((response as Response).status).toBe(302);
      expect((response as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    const db = await getDb();
    expect((await db.select().from(activities).where(eq(activities.title, "Hijacked"))).length).toBe(0);
  });

  it("refuses a member of another organisation (403) and a referrer (403), changing nothing", async () => {
    const { id } = await createViaEditor();
    const db = await getDb();
    const [before] = await db.select().from(activities).where(eq(activities.id, id));
    for (const user of [otherOrganiser, referrer]) {
      const page = await run(editRoute.loader, { request: await requestAs(user.id, `/organiser/activities/${id}/edit`), params: { id } });
      expect((page as Response).status).toBe(403);
      const save = await run(editRoute.action, {
        request: await requestAs(user.id, `/organiser/activities/${id}/edit`, { form: activityForm({ title: "Hijacked" }) }),
        params: { id },
      });
      expect((save as Response).status).toBe(403);
      const archive = await run(editRoute.action, {
        request: await requestAs(user.id, `/organiser/activities/${id}/edit`, { form: { _action: "archive" } }),
        params: { id },
      });
      expect((archive as Response).status).toBe(403);
    }
    const [after] = await db.select().from(activities).where(eq(activities.id, id));
    expect(after).toEqual(before);
  });

  it("gives a referrer 403 on the new-activity page", async () => {
    const page = await run(newRoute.loader, { request: await requestAs(referrer.id, "/organiser/activities/new") });
    expect((page as Response).status).toBe(403);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    for (const id of ["7d9f0d2c-0000-4000-8000-000000000000", "not-an-id"]) {
      const page = await run(editRoute.loader, { request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`), params: { id } });
      expect((page as Response).status).toBe(404);
    }
  });

  it("lets any member of the owning organisation edit", async () => {
    const { id } = await createViaEditor();
    const response = await run(editRoute.action, {
      request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`, {
        form: activityForm({ title: "Renamed walk", "schedules[0].id": (await scheduleIds(id))[0] }),
      }),
      params: { id },
    });
    expect((response as Response).status).toBe(302);
    const db = await getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row.title).toBe("Renamed walk");
  });
});

async function scheduleIds(activityId: string) {
  const db = await getDb();
  return (await db.select({ id: schedules.id }).from(schedules).where(eq(schedules.activityId, activityId))).map((s) => s.id);
}

async function edit(id: string, overrides: Record<string, string | string[] | undefined>) {
  const [scheduleId] = await scheduleIds(id);
  return run(editRoute.action, {
    request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`, {
      form: activityForm({ "schedules[0].id": scheduleId, intent: "save", ...overrides }),
    }),
    params: { id },
  });
}

describe("editing schedules", () => {
  it("keeps booked sessions when the day changes, removes the rest, and lists what it could not move", async () => {
    const { id } = await createViaEditor();
    const [first, second, third] = await futureSessions(id);
    await bookPlace(id, second.id);
    const response = await edit(id, { "schedules[0].days": ["TH"] });
    expect((response as Response).status).toBe(302);
    const after = await futureSessions(id);
    const ids = after.map((s) => s.id);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(first.id);
    expect(ids).not.toContain(third.id);
    const weekdays = after.filter((s) => s.id !== second.id).map((s) => s.startsAt.getUTCDay());
    expect(new Set(weekdays)).toEqual(new Set([4]));
    const stranded = await findStrandedSessions(id, new Date());
    expect(stranded.map((s) => s.id)).toEqual([second.id]);

    const page = await data(editRoute.loader, { request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`), params: { id } });
    expect(page.stranded.map((s) => s.id)).toEqual([second.id]);
  });

  it("moves unbooked sessions to a new start time but leaves a booked one, adding no second session that day", async () => {
    const { id } = await createViaEditor();
    const [first, second] = await futureSessions(id);
    await bookPlace(id, first.id);
    await edit(id, { "schedules[0].startTime": "14:00", "schedules[0].endTime": "15:00" });
    const after = await futureSessions(id);
    const sameDay = after.filter((s) => s.startsAt.toISOString().slice(0, 10) === first.startsAt.toISOString().slice(0, 10));
    expect(sameDay.map((s) => s.id)).toEqual([first.id]);
    expect(after.find((s) => s.id === first.id)!.startsAt).toEqual(first.startsAt);
    const moved = after.find((s) => s.startsAt.toISOString().slice(0, 10) === second.startsAt.toISOString().slice(0, 10))!;
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(moved.startsAt)).toBe("14:00");
  });

  it("refuses a capacity below the places already booked, changing nothing", async () => {
    const { id } = await createViaEditor(activityForm({ capacity: "3" }));
    const [first] = await futureSessions(id);
    for (let i = 0; i < 3; i++) await bookPlace(id, first.id);
    const result = await edit(id, { capacity: "2", title: "Should not save" });
    expect(fieldErrors(result).capacity?.join(" ")).toMatch(/3 places are already booked.*at least 3/);
    const db = await getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row.capacity).toBe(3);
    expect(row.title).not.toBe("Should not save");
  });

  it("adds a second schedule and removes it again", async () => {
    const { id } = await createViaEditor();
    const [scheduleId] = await scheduleIds(id);
    await edit(id, {
      "schedules[1].repeat": "monthly",
      "schedules[1].nth": "-1",
      "schedules[1].day": "FR",
      "schedules[1].startsOn": londonDate(0),
      "schedules[1].startTime": "18:00",
      "schedules[1].endTime": "19:00",
      "schedules[1].timezone": "Europe/London",
    });
    expect((await scheduleIds(id)).length).toBe(2);
    const fridays = (await futureSessions(id)).filter((s) => s.startsAt.getUTCDay() === 5);
    expect(fridays.length).toBeGreaterThanOrEqual(2);
    await edit(id, { "schedules[0].id": scheduleId });
    expect(await scheduleIds(id)).toEqual([scheduleId]);
    expect((await futureSessions(id)).filter((s) => s.startsAt.getUTCDay() === 5)).toEqual([]);
  });
});

describe("status and duplicates", () => {
  it("unpublishes, publishes, archives (keeping booked sessions), refuses an illegal change, and restores", async () => {
    const { id } = await createViaEditor();
    const action = async (name: string) =>
      run(editRoute.action, { request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`, { form: { _action: name } }), params: { id } });
    const db = await getDb();
    const status = async () => (await db.select({ s: activities.status }).from(activities).where(eq(activities.id, id)))[0].s;

    expect(((await action("unpublish")) as Response).status).toBe(302);
    expect(await status()).toBe("draft");
    expect(((await action("unpublish")) as Response).status).toBe(409);
    await action("publish");
    expect(await status()).toBe("published");

    const [first] = await futureSessions(id);
    await bookPlace(id, first.id);
    await action("archive");
    expect(await status()).toBe("archived");
    expect((await futureSessions(id)).map((s) => s.id)).toEqual([first.id]);
    const page = await run(publicPage.loader, { request: new Request(`http://localhost/activities/${id}`), params: { id } });
    expect((page as Response).status).toBe(404);
    expect(((await edit(id, { title: "Editing an archived one" })) as Response).status).toBe(409);

    await action("restore");
    expect(await status()).toBe("draft");
    expect((await futureSessions(id)).length).toBeGreaterThanOrEqual(11);
  });

  it("duplicates an activity as a draft with its schedule and sessions", async () => {
    const { id } = await createViaEditor();
    const response = await run(editRoute.action, {
      request: await requestAs(organiser.id, `/organiser/activities/${id}/edit`, { form: { _action: "duplicate" } }),
      params: { id },
    });
    const copyId = /activities\/([0-9a-f-]{36})\/edit/.exec((response as Response).headers.get("Location")!)![1];
    expect(copyId).not.toBe(id);
    const db = await getDb();
    const [original] = await db.select().from(activities).where(eq(activities.id, id));
    const [copy] = await db.select().from(activities).where(eq(activities.id, copyId));
    expect(copy).toMatchObject({ status: "draft", title: `${original.title} (copy)`, organisationId: orgId, accessibility: original.accessibility });
    expect((await scheduleIds(copyId)).length).toBe(1);
    expect((await futureSessions(copyId)).length).toBe((await futureSessions(id)).length);
  });

  it("lets another organisation's activity stay untouched when a forged schedule id is sent", async () => {
    const foreign = await createActivity();
    const db = await getDb();
    const [foreignSchedule] = await db
      .insert(schedules)
      .values({ activityId: foreign.id, rrule: "FREQ=WEEKLY;BYDAY=MO", startsOn: londonDate(0), startTime: "09:00", durationMinutes: 60 })
      .returning();
    const { id } = await createViaEditor();
    await edit(id, { "schedules[0].id": foreignSchedule.id });
    const [still] = await db.select().from(schedules).where(eq(schedules.id, foreignSchedule.id));
    expect(still).toMatchObject({ activityId: foreign.id, rrule: "FREQ=WEEKLY;BYDAY=MO" });
  });
});
