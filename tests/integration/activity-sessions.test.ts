import { and, asc, eq, gte } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { outbox, schedules, sessions } from "../../db/schema";
import { HORIZON_WEEKS, rollSessionHorizon } from "~/modules/activities/index.server";
import { setClockOffset } from "~/utils/clock.server";
import * as newRoute from "~/routes/organiser.activities.new/route";
import * as sessionsRoute from "~/routes/organiser.activities.$id.sessions/route";
import { addMember, createOrganisation, createUser } from "../factories";
import { activityForm, bookPlace, data, londonDate, run } from "../factories/activities";
import { requestAs } from "../setup/auth";

let organiser: { id: string };
let outsider: { id: string };

beforeAll(async () => {
  const org = await createOrganisation();
  organiser = await createUser();
  await addMember(org.id, organiser.id, "owner");
  const other = await createOrganisation();
  outsider = await createUser();
  await addMember(other.id, outsider.id, "owner");
});

async function newActivity() {
  const response = (await run(newRoute.action, {
    request: await requestAs(organiser.id, "/organiser/activities/new", { form: activityForm({ capacity: "4" }) }),
  })) as Response;
  return /activities\/([0-9a-f-]{36})\/edit/.exec(response.headers.get("Location")!)![1];
}

async function upcoming(activityId: string) {
  const db = await getDb();
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.activityId, activityId), gte(sessions.startsAt, new Date())))
    .orderBy(asc(sessions.startsAt));
}

async function post(activityId: string, form: Record<string, string>, userId = organiser.id) {
  return run(sessionsRoute.action, {
    request: await requestAs(userId, `/organiser/activities/${activityId}/sessions`, { form: { formId: "f", ...form } }),
    params: { id: activityId },
  });
}

const errors = (result: unknown) => ((result as { result: { error?: Record<string, string[]> } }).result.error ?? {});

describe("managing one session", () => {
  it("cancels a session with a reason and emits session.cancelled in the same change", async () => {
    const id = await newActivity();
    const [first] = await upcoming(id);
    const response = await post(id, { intent: "cancel", sessionId: first.id, reason: "The park is flooded" });
    expect((response as Response).status).toBe(302);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, first.id));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "The park is flooded" });
    const events = await db.select().from(outbox).where(eq(outbox.topic, "event"));
    expect(events.map((e) => e.payload)).toContainEqual({ type: "session.cancelled", sessionId: first.id, reason: "The park is flooded" });
    expect((await db.select().from(outbox).where(eq(outbox.topic, "search"))).some((m) => m.payload.activityId === id)).toBe(true);

    const again = await post(id, { intent: "cancel", sessionId: first.id, reason: "Twice" });
    expect(errors(again).reason?.join()).toMatch(/already cancelled/);
  });

  it("needs a reason to cancel", async () => {
    const id = await newActivity();
    const [first] = await upcoming(id);
    const result = await post(id, { intent: "cancel", sessionId: first.id, reason: "" });
    expect(errors(result).reason?.join()).toMatch(/Say why/);
    const db = await getDb();
    expect((await db.select().from(sessions).where(eq(sessions.id, first.id)))[0].status).toBe("scheduled");
  });

  it("changes a session's time and capacity, detaching it from the schedule", async () => {
    const id = await newActivity();
    const [, second] = await upcoming(id);
    const date = londonDate(0, second.startsAt);
    const result = await post(id, { intent: "change", sessionId: second.id, date, startTime: "13:00", endTime: "14:30", capacity: "20" });
    expect((result as Response).status).toBe(302);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, second.id));
    expect(row.capacity).toBe(20);
    expect(row.detached).toBe(true);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(row.startsAt)).toBe("13:00");
    expect((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000).toBe(90);
    const moved = await db.select().from(outbox).where(eq(outbox.topic, "event"));
    expect(moved.some((e) => e.payload.type === "session.moved" && e.payload.sessionId === second.id)).toBe(true);
  });

  it("refuses a capacity below the places booked", async () => {
    const id = await newActivity();
    const [first] = await upcoming(id);
    await bookPlace(id, first.id);
    await bookPlace(id, first.id);
    await bookPlace(id, first.id);
    const result = await post(id, {
      intent: "change",
      sessionId: first.id,
      date: londonDate(0, first.startsAt),
      startTime: "10:00",
      endTime: "11:30",
      capacity: "2",
    });
    expect(errors(result).capacity?.join()).toMatch(/3 places are already booked/);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, first.id));
    expect(row).toMatchObject({ capacity: 4, detached: false });
  });

  it("adds an extra date outside the schedule, but not one in the past", async () => {
    const id = await newActivity();
    const date = londonDate(5);
    const added = await post(id, { intent: "add", date, startTime: "18:00", endTime: "19:00", capacity: "8" });
    expect((added as Response).status).toBe(302);
    const db = await getDb();
    const extra = (await upcoming(id)).filter((s) => s.scheduleId === null);
    expect(extra).toHaveLength(1);
    expect(extra[0].capacity).toBe(8);
    const past = await post(id, { intent: "add", date: londonDate(-2), startTime: "18:00", endTime: "19:00", capacity: "8" });
    expect(errors(past).date?.join()).toMatch(/not happened yet/);
    // A schedule edit leaves extra dates alone.
    expect((await db.select().from(schedules).where(eq(schedules.activityId, id))).length).toBe(1);
  });

  it("lists the sessions for members and refuses others, changing nothing", async () => {
    const id = await newActivity();
    const page = await data(sessionsRoute.loader, { request: await requestAs(organiser.id, `/organiser/activities/${id}/sessions`), params: { id } });
    expect(page.sessions.length).toBeGreaterThanOrEqual(11);
    const [first] = await upcoming(id);
    const denied = await post(id, { intent: "cancel", sessionId: first.id, reason: "Not mine" }, outsider.id);
    expect((denied as Response).status).toBe(403);
    const anonymous = await run(sessionsRoute.loader, { request: await requestAs(null, `/organiser/activities/${id}/sessions`), params: { id } });
    expect((anonymous as Response).status).toBe(302);
    const db = await getDb();
    expect((await db.select().from(sessions).where(eq(sessions.id, first.id)))[0].status).toBe("scheduled");
  });

  it("does not touch a session of another activity through this one's page", async () => {
    const mine = await newActivity();
    const theirs = await newActivity();
    const [theirFirst] = await upcoming(theirs);
    const result = await post(mine, { intent: "cancel", sessionId: theirFirst.id, reason: "Sneaky" });
    expect(errors(result).sessionId?.join()).toMatch(/could not find/);
    const db = await getDb();
    expect((await db.select().from(sessions).where(eq(sessions.id, theirFirst.id)))[0].status).toBe("scheduled");
  });
});

describe("rolling the session horizon", () => {
  afterEach(() => setClockOffset(0));
  const DAY = 86_400_000;

  it("follows the app clock: moving it on makes the sessions that come into the 12 weeks, once", async () => {
    const id = await newActivity();
    const db = await getDb();
    const lastStart = async () => (await db.select().from(sessions).where(eq(sessions.activityId, id)).orderBy(asc(sessions.startsAt))).at(-1)!.startsAt;
    const before = await lastStart();
    // Nothing is due while the clock stands still.
    expect(await rollSessionHorizon()).toBe(0);

    setClockOffset(21 * DAY);
    const moved = new Date(Date.now() + 21 * DAY);
    expect(await rollSessionHorizon()).toBeGreaterThanOrEqual(3);
    const after = await lastStart();
    // Three more weekly sessions (give or take an hour when the clocks change in between).
    expect(Math.abs(after.getTime() - before.getTime() - 21 * DAY)).toBeLessThanOrEqual(3_600_000);
    const horizon = moved.getTime() + HORIZON_WEEKS * 7 * DAY;
    expect(after.getTime()).toBeLessThanOrEqual(horizon);
    expect(horizon - after.getTime()).toBeLessThan(7 * DAY);
    const [schedule] = await db.select().from(schedules).where(eq(schedules.activityId, id));
    expect(Math.abs(schedule.materialisedUntil!.getTime() - horizon)).toBeLessThan(60_000);
    // Running again at the same time adds nothing.
    expect(await rollSessionHorizon()).toBe(0);
  });
});
