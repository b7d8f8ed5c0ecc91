import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { activities, outbox, sessions } from "../../db/schema";
import { queueActivityReindex, rebuildSearchIndex, refreshSessionSummaries, syncSearchIndex } from "~/modules/activities/index.server";
import { slotBit } from "../../search/types";
import { createActivity, createSession } from "../factories";
import { nextDate } from "../factories/search";
import { localDateTimeToUtc } from "~/utils/time";

async function summary(id: string) {
  const db = await getDb();
  const [a] = await db
    .select({ next: activities.nextSessionAt, open: activities.nextOpenSessionAt, slots: activities.sessionSlots })
    .from(activities)
    .where(eq(activities.id, id));
  return a;
}

describe("session summary", () => {
  it("follows every session change", async () => {
    const db = await getDb();
    const activity = await createActivity();
    expect(await summary(activity.id)).toEqual({ next: null, open: null, slots: 0 });

    const tueEvening = localDateTimeToUtc(nextDate("tue"), "18:30", "Europe/London");
    const friMorning = localDateTimeToUtc(nextDate("fri", new Date(), 1), "10:00", "Europe/London");
    const first = await createSession(activity.id, { startsAt: tueEvening, capacity: 5, bookedCount: 5 });
    await createSession(activity.id, { startsAt: friMorning, capacity: 5 });
    expect(await summary(activity.id)).toEqual({
      next: tueEvening,
      open: friMorning,
      slots: slotBit("tue", "evening") | slotBit("fri", "morning"),
    });

    // A place frees up (bookings change booked_count).
    await db.update(sessions).set({ bookedCount: 4 }).where(eq(sessions.id, first.id));
    expect((await summary(activity.id)).open).toEqual(tueEvening);
    // Another booking that leaves a place changes nothing the summary shows; the one that takes the last place does.
    await db.update(sessions).set({ bookedCount: 3 }).where(eq(sessions.id, first.id));
    expect((await summary(activity.id)).open).toEqual(tueEvening);
    await db.update(sessions).set({ bookedCount: 5 }).where(eq(sessions.id, first.id));
    expect((await summary(activity.id)).open).toEqual(friMorning);
    // More places on the full session (capacity, not bookings) open it again.
    await db.update(sessions).set({ capacity: 6 }).where(eq(sessions.id, first.id));
    expect((await summary(activity.id)).open).toEqual(tueEvening);
    // A session moved to another day moves the days and times.
    const wedEvening = localDateTimeToUtc(nextDate("wed", new Date(), 1), "18:30", "Europe/London");
    await db.update(sessions).set({ startsAt: wedEvening, endsAt: new Date(wedEvening.getTime() + 3_600_000) }).where(eq(sessions.id, first.id));
    expect(await summary(activity.id)).toMatchObject({ slots: slotBit("wed", "evening") | slotBit("fri", "morning") });
    await db.update(sessions).set({ startsAt: tueEvening, endsAt: new Date(tueEvening.getTime() + 3_600_000) }).where(eq(sessions.id, first.id));

    // Cancelled sessions do not count.
    await db.update(sessions).set({ status: "cancelled" }).where(eq(sessions.id, first.id));
    expect(await summary(activity.id)).toMatchObject({ next: friMorning, slots: slotBit("fri", "morning") });

    await db.delete(sessions).where(eq(sessions.activityId, activity.id));
    expect(await summary(activity.id)).toEqual({ next: null, open: null, slots: 0 });
  });

  it("is refreshed by the worker once the next session has started", async () => {
    const db = await getDb();
    const activity = await createActivity();
    const later = await createSession(activity.id, { startsAt: new Date(Date.now() + 3 * 86400_000) });
    // Pretend the cached next session began a minute ago.
    await db.execute(sql`UPDATE activities SET next_session_at = now() - interval '1 minute' WHERE id = ${activity.id}`);
    expect(await refreshSessionSummaries()).toBeGreaterThanOrEqual(1);
    expect((await summary(activity.id)).next).toEqual(later.startsAt);
  });
});

describe("search outbox", () => {
  it("is marked done without an external index, and reindex is a no-op on Postgres", async () => {
    const db = await getDb();
    const activity = await createActivity();
    await db.transaction((tx) => queueActivityReindex(tx, activity.id));
    expect(await syncSearchIndex()).toBeGreaterThanOrEqual(1);
    const pending = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search' AND processed_at IS NULL`);
    expect(pending[0].n).toBe(0);
    const [row] = await db.select().from(outbox).where(eq(outbox.topic, "search"));
    expect(row.payload).toEqual({ activityId: activity.id });
    expect(await rebuildSearchIndex()).toBe(0);
  });
});
