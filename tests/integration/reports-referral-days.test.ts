/**
 * The area's referral figures kept per day by the worker: on a known fixture
 * they read exactly as counting live does (whole area, by town, by kind),
 * the page says when they were brought up to date, a referral made today
 * counts at once, and a change to an older referral shows after the
 * worker's next run.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings, referralEvents } from "../../db/schema";
import { areaDashboard, tableText, type AreaDashboard, type ReportViewer } from "~/modules/reports/index.server";
import { figuresAsOf } from "~/modules/reports";
import { jobs } from "~/modules/worker/index.server";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createHistory } from "../factories/report-history";
import { addDays } from "~/utils/time";

const now = new Date();
const day = (n: number) => addDays(now, n);
const quarter = { period: "quarter" as const };
let commissioner: ReportViewer;
let later: { id: string };

/** What the page shows: every table, the funnel's total and the median. */
const shown = (d: AreaDashboard | null) => ({ tables: d!.tables, total: d!.total, median: d!.medianDays });
const area = (query: { town?: string; category?: string } = {}) => areaDashboard(commissioner, { ...quarter, ...query }, now);
/** The worker's job that keeps the reports' figures, run as the worker runs it. */
const workerRefresh = () => jobs.find((j) => j.name === "refresh-report-facts")!.run();

beforeAll(async () => {
  const user = await createUser({ isCommissioner: true });
  commissioner = { id: user.id, isAdmin: false, isCommissioner: true };
  const north = await createOrganisation({ kind: "referrer", name: "North Practice" });
  const south = await createOrganisation({ kind: "referrer", name: "South Practice" });
  const worker = await createUser({ name: "Wendy Worker" });
  await addMember(north.id, worker.id, "owner");
  const walk = await createActivity({ category: "walking", town: "Leeds" });
  const garden = await createActivity({ category: "gardening", town: "Bradford" });
  const s1 = await createSession(walk.id, { startsAt: day(-20) });
  const s2 = await createSession(walk.id, { startsAt: day(-13) });
  const s3 = await createSession(walk.id, { startsAt: day(-3) });
  const n = { referrerOrganisationId: north.id, referrerUserId: worker.id };
  const s = { referrerOrganisationId: south.id };
  // Seven who went (after 5, 5, 12, 12, 12, 12 and 19 days: median 12), on two days of referral.
  for (let i = 0; i < 2; i++) await createHistory({ ...n, activityId: walk.id, createdAt: day(-25), path: ["accepted", "booked", "attending"], attended: [s1.id, s2.id], reasons: ["loneliness", "low_mood"] });
  for (let i = 0; i < 4; i++) await createHistory({ ...s, activityId: walk.id, createdAt: day(-25), path: ["accepted", "booked", "attending", "completed"], noShows: [s1.id], attended: [s2.id], reasons: ["anxiety"] });
  await createHistory({ activityId: walk.id, createdAt: day(-22), path: ["accepted", "booked", "attending"], noShows: [s1.id, s2.id], attended: [s3.id] });
  // Turned away (three full, one not suitable), stalled, and waiting.
  for (let i = 0; i < 3; i++) await createHistory({ ...n, activityId: garden.id, createdAt: day(-18), path: ["declined"], declineReasonKind: "full" });
  await createHistory({ ...s, activityId: garden.id, createdAt: day(-18), path: ["declined"], declineReasonKind: "not_suitable" });
  for (let i = 0; i < 5; i++) await createHistory({ ...s, activityId: garden.id, createdAt: day(-10), path: ["accepted"], stalledReason: "no_booking", reasons: ["physical_activity"] });
  later = await createHistory({ ...n, activityId: walk.id, createdAt: day(-10), path: ["accepted", "booked"], booked: [s3.id] });
  await createHistory({ ...n, activityId: walk.id, createdAt: day(-200) });
}, 300_000);

describe("the area's figures kept per day", () => {
  it("read exactly as counting live, for the whole area, a town and a kind, and say when they were brought up to date", async () => {
    const live = await Promise.all([area(), area({ town: "Leeds" }), area({ category: "gardening" })]);
    expect(live[0]!.asOf).toBeNull();
    expect(tableText(live[0]!.tables.funnel).map((r) => r[1])).toEqual(["17", "13", "8", "7", "< 5"]);
    expect(live[0]!.medianDays.text).toBe("12 days");

    await workerRefresh();
    const kept = await Promise.all([area(), area({ town: "Leeds" }), area({ category: "gardening" })]);
    kept.forEach((k, i) => expect(shown(k)).toEqual(shown(live[i])));
    const asOf = kept[0]!.asOf!;
    expect(Math.abs(asOf.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(figuresAsOf(asOf, now)).toMatch(/^\d\d:\d\d$/);
  });

  it("count a referral made today at once, before the worker has seen it", async () => {
    const before = tableText((await area())!.tables.funnel)[0][1];
    const db = await getDb();
    const result = await db.execute(sql`SELECT id::text AS id FROM activities WHERE category = 'walking' LIMIT 1`);
    const activityId = (Array.isArray(result) ? result : (result as unknown as { rows: { id: string }[] }).rows)[0].id as string;
    await createHistory({ activityId, createdAt: now });
    expect(tableText((await area())!.tables.funnel)[0][1]).toBe(String(Number(before) + 1));
  });

  it("show a register mark on an older referral after the worker's next run", async () => {
    const went = () => area().then((d) => tableText(d!.tables.funnel)[3][1]);
    expect(await went()).toBe("7");
    const db = await getDb();
    const markedAt = new Date();
    await db.update(bookings).set({ attendance: "attended", markedAt }).where(eq(bookings.referralId, later.id));
    await db.insert(referralEvents).values({ referralId: later.id, at: markedAt, kind: "status", fromStatus: "booked", toStatus: "attending", actorType: "system" });
    await db.execute(sql`UPDATE referrals SET status = 'attending', status_changed_at = ${markedAt.toISOString()}::timestamptz WHERE id = ${later.id}`);
    // Kept figures lag until the worker runs, as the page says.
    expect(await went()).toBe("7");
    await workerRefresh();
    expect(await went()).toBe("8");
  });
});
