import { describe, expect, it } from "vitest";
import { getDatabase } from "../../db/client";
import { checkHealth } from "~/modules/system/index.server";
import { findPublishedActivity, listPublishedActivities, listUpcomingSessions } from "~/modules/activities/index.server";
import { createActivity, createSession } from "../factories";

describe("health", () => {
  it("reports ok after a real round trip, naming the database", async () => {
    const { kind } = await getDatabase();
    expect(await checkHealth()).toEqual({ status: "ok", db: kind });
  });
});

describe("public activities", () => {
  it("shows a published activity without its joining link", async () => {
    const created = await createActivity({ online: true, onlineUrl: "https://meet.example.org/secret" });
    const found = await findPublishedActivity(created.id);
    expect(found?.title).toBe(created.title);
    expect(found).not.toHaveProperty("onlineUrl");
  });

  it("treats drafts, unknown ids and malformed ids as not found", async () => {
    const draft = await createActivity({ status: "draft" });
    expect(await findPublishedActivity(draft.id)).toBeNull();
    expect(await findPublishedActivity("7d9f0d2c-0000-4000-8000-000000000000")).toBeNull();
    expect(await findPublishedActivity("not-an-id")).toBeNull();
    expect(await findPublishedActivity("1; drop table activities")).toBeNull();
  });

  it("lists upcoming sessions in order with places left", async () => {
    const activity = await createActivity();
    const later = await createSession(activity.id, { startsAt: new Date(Date.now() + 5 * 86400_000), capacity: 10, bookedCount: 4 });
    const sooner = await createSession(activity.id, { startsAt: new Date(Date.now() + 86400_000) });
    await createSession(activity.id, { startsAt: new Date(Date.now() - 86400_000) });
    const upcoming = await listUpcomingSessions(activity.id);
    expect(upcoming.map((s) => s.id)).toEqual([sooner.id, later.id]);
    expect(upcoming[1].placesLeft).toBe(6);
  });

  it("pages through published activities without repeats", async () => {
    for (let i = 0; i < 5; i++) await createActivity();
    await createActivity({ status: "draft" });
    const first = await listPublishedActivities({ page: 1, perPage: 3 });
    const second = await listPublishedActivities({ page: 2, perPage: 3 });
    expect(first.total).toBeGreaterThanOrEqual(5);
    const ids = [...first.results, ...second.results].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
