/**
 * The reports' per-referral facts kept by the worker: the figures read from
 * them are the figures worked out live, a referral the job has not seen yet
 * counts at once, and a register mark made later counts after the next run.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings, referralEvents, reportReferralFacts } from "../../db/schema";
import { areaDashboard, refreshReportFacts, tableText, type ReportViewer } from "~/modules/reports/index.server";
import { createActivity, createSession, createUser } from "../factories";
import { createHistory } from "../factories/report-history";

const now = new Date();
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
let commissioner: ReportViewer;
let later: { id: string };
let s2: { id: string };

beforeAll(async () => {
  const user = await createUser({ isCommissioner: true });
  commissioner = { id: user.id, isAdmin: false, isCommissioner: true };
  const walk = await createActivity({ category: "walking" });
  const s1 = await createSession(walk.id, { startsAt: day(-10) });
  s2 = await createSession(walk.id, { startsAt: day(-3) });
  for (let i = 0; i < 6; i++) await createHistory({ activityId: walk.id, createdAt: day(-20), path: ["accepted", "booked", "attending"], attended: [s1.id] });
  for (let i = 0; i < 5; i++) await createHistory({ activityId: walk.id, createdAt: day(-20), path: ["accepted"] });
  later = await createHistory({ activityId: walk.id, createdAt: day(-20), path: ["accepted", "booked"], booked: [s2.id] });
}, 120_000);

const funnel = async () => tableText((await areaDashboard(commissioner, { period: "quarter" }, now))!.tables.funnel);

describe("the reports' per-referral facts", () => {
  it("give the same figures as working them out live, and count a referral the job has not seen", async () => {
    const live = await funnel();
    expect(live.map((r) => r[1])).toEqual(["12", "12", "7", "6", "0"]);
    expect(await refreshReportFacts()).toBe(12);
    const db = await getDb();
    expect((await db.select().from(reportReferralFacts)).length).toBe(12);
    expect(await funnel()).toEqual(live);
  });

  it("take up a register mark made after they were written at the next run", async () => {
    const db = await getDb();
    await db.update(bookings).set({ attendance: "attended", markedAt: new Date() }).where(eq(bookings.referralId, later.id));
    await db.insert(referralEvents).values({ referralId: later.id, at: new Date(), kind: "status", fromStatus: "booked", toStatus: "attending", actorType: "system" });
    await db.execute(sql`UPDATE referrals SET status = 'attending' WHERE id = ${later.id}`);
    expect(await refreshReportFacts()).toBeGreaterThanOrEqual(1);
    expect((await funnel()).map((r) => r[1])).toEqual(["12", "12", "7", "7", "0"]);
  });
});
