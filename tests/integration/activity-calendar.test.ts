import ICAL from "ical.js";
import { and, asc, eq, gte } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { sessions } from "../../db/schema";
import * as activityIcs from "~/routes/activities_.$id.calendar[.]ics/route";
import * as organisationIcs from "~/routes/organisations.$id.calendar[.]ics/route";
import * as publicPage from "~/routes/activities.$id/route";
import { activityCalendar } from "~/modules/interop/index.server";
import { saveActivity, cancelSession, createActivityFormSchema } from "~/modules/activities/index.server";
import { ukBounds } from "~/modules/places/index.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { createActivity, createOrganisation, createSession, createUser } from "../factories";
import { activityForm, data, londonDate, run } from "../factories/activities";
import { DAY_MS, HOUR_MS } from "~/utils/time";

/** A published activity made through the module, so its sessions come from a real schedule. */
async function publishedActivity(overrides: Record<string, string | string[] | undefined> = {}, now = new Date()) {
  const org = await createOrganisation();
  const user = await createUser();
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(activityForm(overrides))) for (const x of [v].flat()) form.append(k, x);
  const submission = parseWithZod(form, { schema: createActivityFormSchema({ bounds: ukBounds, now }) });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  const result = await saveActivity({ activityId: null, organisationId: org.id, userId: user.id, values: submission.value, publish: true, now, bounds: ukBounds });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { id: result.activityId, organisationId: org.id };
}

function parseCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = root.getAllSubcomponents("vtimezone");
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events = root.getAllSubcomponents("vevent").map((v) => ({ component: v, event: new ICAL.Event(v) }));
  return { root, zones, events };
}

async function upcomingFromDb(activityId: string) {
  const db = await getDb();
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.startsAt, new Date())))
    .orderBy(asc(sessions.startsAt));
}

describe("an activity's calendar", () => {
  it("has one event per upcoming session, matching the database and the page", async () => {
    const { id } = await publishedActivity();
    const [, second] = await upcomingFromDb(id);
    await cancelSession({ activityId: id, sessionId: second.id, reason: "Storm warning", now: new Date() });

    const response = (await run(activityIcs.loader, { request: new Request(`http://localhost/activities/${id}/calendar.ics`), params: { id } })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    const { zones, events } = parseCalendar(text);

    const expected = await upcomingFromDb(id);
    expect(events).toHaveLength(expected.length);
    expect(events.map((e) => e.event.uid)).toEqual(expected.map((s) => `${s.id}@localhost`));
    expect(events.map((e) => e.event.startDate.toJSDate().toISOString())).toEqual(expected.map((s) => s.startsAt.toISOString()));
    expect(events.map((e) => e.event.endDate.toJSDate().toISOString())).toEqual(expected.map((s) => s.endsAt.toISOString()));

    // Every TZID used has its VTIMEZONE.
    const tzids = new Set(events.map((e) => e.component.getFirstProperty("dtstart")!.getParameter("tzid")));
    expect(tzids).toEqual(new Set(["Europe/London"]));
    expect(zones.map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Europe/London"]);
    // DTSTAMP is UTC.
    for (const { component } of events) expect(String(component.getFirstProperty("dtstamp")!.toICALString())).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);

    // The cancelled one is there, marked cancelled, as the page shows it.
    const cancelled = events.find((e) => e.event.uid.startsWith(second.id))!;
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events.filter((e) => e.component.getFirstPropertyValue("status") === "CANCELLED")).toHaveLength(1);

    const first = events[0].component;
    expect(first.getFirstPropertyValue("location")).toContain("LS6 3AB");
    expect(first.getFirstPropertyValue("geo")).toEqual([53.8104, -1.5567]);
    expect(first.getFirstPropertyValue("url")).toBe(`http://localhost:3000/activities/${id}`);

    const page = await data(publicPage.loader, { request: new Request(`http://localhost/activities/${id}?sessions=all`), params: { id } });
    expect(page.sessions.map((s) => `${s.id}@localhost`)).toEqual(events.map((e) => e.event.uid));
    expect(page.sessions.find((s) => s.id === second.id)?.status).toBe("cancelled");
  });

  it("keeps 10:00 in London across the spring clock change and returns the same UIDs every time", async () => {
    // Twelve weeks from 1 March 2027 cross the change on 28 March.
    const now = new Date("2027-03-01T12:00:00Z");
    const { id } = await publishedActivity(
      { "schedules[0].days": ["SA", "SU"], "schedules[0].startsOn": londonDate(-14, now) },
      now,
    );
    const first = (await activityCalendar(id, now))!.ics;
    const again = (await activityCalendar(id, now))!.ics;
    const a = parseCalendar(first).events;
    const b = parseCalendar(again).events;
    expect(a.length).toBeGreaterThan(20);
    expect(a.map((e) => e.event.uid)).toEqual(b.map((e) => e.event.uid));
    const utcHours = new Set<number>();
    for (const { event } of a) {
      const start = event.startDate.toJSDate();
      const wall = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(start);
      expect(wall).toBe("10:00");
      expect(event.startDate.zone?.tzid).toBe("Europe/London");
      utcHours.add(start.getUTCHours());
    }
    // 10:00 GMT before the change, 09:00 UTC (10:00 BST) after it.
    expect(utcHours).toEqual(new Set([10, 9]));
    const db = await getDb();
    const stored = await db.select().from(sessions).where(eq(sessions.activityId, id)).orderBy(asc(sessions.startsAt));
    expect(a.map((e) => e.event.startDate.toJSDate().getTime())).toEqual(
      stored.filter((s) => s.startsAt >= now).map((s) => s.startsAt.getTime()),
    );
  });

  it("never puts an online activity's joining link in the feed", async () => {
    const { id } = await publishedActivity({ mode: "online", onlineUrl: "https://meet.example.org/secret-room", lat: undefined, lng: undefined });
    const text = await (await run(activityIcs.loader, { request: new Request("http://x"), params: { id } }) as Response).text();
    expect(text).not.toContain("secret-room");
    expect(parseCalendar(text).events[0].component.getFirstPropertyValue("location")).toMatch(/^Online/);
  });

  it("is not found for drafts, unknown and malformed ids", async () => {
    const draft = await createActivity({ status: "draft" });
    await createSession(draft.id);
    for (const id of [draft.id, "7d9f0d2c-0000-4000-8000-000000000000", "nope"]) {
      const response = (await run(activityIcs.loader, { request: new Request("http://x"), params: { id } })) as Response;
      expect(response.status).toBe(404);
    }
  });
});

describe("an organisation's calendar", () => {
  it("has the upcoming sessions of every published activity it runs, and nothing else", async () => {
    const org = await createOrganisation();
    const walk = await createActivity({ organisationId: org.id, timezone: "Europe/London" });
    const choir = await createActivity({ organisationId: org.id, timezone: "Europe/London" });
    const draft = await createActivity({ organisationId: org.id, status: "draft" });
    const elsewhere = await createActivity();
    const soon = Math.ceil(Date.now() / 3_600_000) * HOUR_MS;
    const expected = [
      await createSession(walk.id, { startsAt: new Date(soon + 86_400_000) }),
      await createSession(choir.id, { startsAt: new Date(soon + 2 * DAY_MS) }),
    ];
    await createSession(walk.id, { startsAt: new Date(Date.now() - 86_400_000) });
    await createSession(draft.id);
    await createSession(elsewhere.id);
    const response = (await run(organisationIcs.loader, { request: new Request("http://x"), params: { id: org.id } })) as Response;
    expect(response.status).toBe(200);
    const { events, zones } = parseCalendar(await response.text());
    expect(events.map((e) => e.event.uid)).toEqual(expected.map((s) => `${s.id}@localhost`));
    expect(events.map((e) => e.event.startDate.toJSDate().getTime())).toEqual(expected.map((s) => s.startsAt.getTime()));
    expect(zones).toHaveLength(1);
  });

  it("is not found for a referrer organisation or a bad id", async () => {
    const practice = await createOrganisation({ kind: "referrer" });
    for (const id of [practice.id, "bad"]) {
      const response = (await run(organisationIcs.loader, { request: new Request("http://x"), params: { id } })) as Response;
      expect(response.status).toBe(404);
    }
  });
});
