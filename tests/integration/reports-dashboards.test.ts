/**
 * Every dashboard figure computed on a small fixture whose answers are known
 * by hand, and who may see which report.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { areaDashboard, providerDashboard, referrerDashboard, tableText, type ReportViewer } from "~/modules/reports/index.server";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createHistory } from "../factories/report-history";
import { addDays } from "~/utils/time";

const now = new Date("2026-06-30T12:00:00Z");
const day = (n: number) => addDays(now, n);
const viewer = (u: { id: string }, extra: Partial<ReportViewer> = {}): ReportViewer => ({ id: u.id, isAdmin: false, isCommissioner: false, ...extra });
const quarter = { period: "quarter" as const };

let f: Awaited<ReturnType<typeof fixture>>;

async function fixture() {
  const r1 = await createOrganisation({ kind: "referrer", name: "North Practice" });
  const olive = await createUser({ name: "Olive Owner" });
  const mel = await createUser({ name: "Mel Member" });
  await addMember(r1.id, olive.id, "owner");
  await addMember(r1.id, mel.id, "member");
  const r2 = await createOrganisation({ kind: "referrer", name: "South Practice" });
  const ray = await createUser({ name: "Ray Other" });
  await addMember(r2.id, ray.id, "owner");
  const p1 = await createOrganisation({ kind: "provider", name: "Walk Leeds" });
  const paula = await createUser({ name: "Paula Provider" });
  await addMember(p1.id, paula.id, "owner");
  const p2 = await createOrganisation({ kind: "provider", name: "Grow Bradford" });
  const greg = await createUser({ name: "Greg Grower" });
  await addMember(p2.id, greg.id, "owner");
  const commissioner = await createUser({ name: "Cara Commissioner", isCommissioner: true });

  const walk = await createActivity({ organisationId: p1.id, title: "Park Walk", category: "walking", town: "Leeds", capacity: 10 });
  const garden = await createActivity({ organisationId: p2.id, title: "Allotment", category: "gardening", town: "Bradford" });
  const cook = await createActivity({ organisationId: p2.id, title: "Cook Club", category: "cooking", town: "Leeds" });
  const s1 = await createSession(walk.id, { startsAt: day(-20), capacity: 10 });
  const s2 = await createSession(walk.id, { startsAt: day(-13), capacity: 10 });
  const s3 = await createSession(walk.id, { startsAt: day(-6), capacity: 2 });

  const r1Ref = { referrerOrganisationId: r1.id, referrerUserId: olive.id };
  const created = day(-30);
  // North Practice's six: referred 6, accepted 4, booked 3, went 2 (after 10 and 17 days), completed 1.
  await createHistory({ ...r1Ref, activityId: walk.id, createdAt: created, path: ["accepted", "booked", "attending", "completed"], attended: [s1.id, s2.id, s3.id] });
  await createHistory({ ...r1Ref, activityId: walk.id, createdAt: created, path: ["accepted", "booked", "attending"], attended: [s2.id], noShows: [s1.id] });
  await createHistory({ ...r1Ref, activityId: walk.id, createdAt: created, path: ["accepted", "booked"], noShows: [s1.id, s2.id], stalledReason: "two_no_shows" });
  await createHistory({ ...r1Ref, activityId: walk.id, createdAt: created, path: ["accepted"], stalledReason: "no_booking" });
  await createHistory({ activityId: walk.id, referrerOrganisationId: r1.id, referrerUserId: mel.id, createdAt: created, path: ["declined"], declineReasonKind: "full" });
  await createHistory({ activityId: garden.id, referrerOrganisationId: r1.id, referrerUserId: mel.id, createdAt: created });
  // South Practice: one to the walk who went (s1), five to the allotment, four to cooking; one from last year (outside).
  await createHistory({ activityId: walk.id, referrerOrganisationId: r2.id, referrerUserId: ray.id, createdAt: created, path: ["accepted", "booked", "attending"], attended: [s1.id] });
  for (let i = 0; i < 4; i++) await createHistory({ activityId: garden.id, referrerOrganisationId: r2.id, referrerUserId: ray.id, createdAt: created });
  for (let i = 0; i < 4; i++) await createHistory({ activityId: cook.id, referrerOrganisationId: r2.id, referrerUserId: ray.id, createdAt: created });
  await createHistory({ activityId: walk.id, referrerOrganisationId: r2.id, referrerUserId: ray.id, createdAt: day(-400) });
  return { r1, r2, olive, mel, ray, p1, p2, paula, greg, commissioner, walk, garden, cook, s1, s2, s3 };
}

// Some thirty referrals with their events and bookings: slow on a loaded machine.
beforeAll(async () => {
  f = await fixture();
}, 300_000);

const rowOf = (rows: string[][], label: string) => rows.find((r) => r[0] === label);

describe("the referrer dashboard", () => {
  it("counts the team's funnel, median days to a first session, stalls and declines", async () => {
    const d = (await referrerDashboard(viewer(f.olive), quarter, now))!;
    expect(tableText(d.tables.funnel)).toEqual([
      ["Referred", "6", "100%"],
      ["Accepted", "4", "67%"],
      ["Booked a session", "3", "50%"],
      ["Went at least once", "2", "33%"],
      ["Completed", "1", "17%"],
    ]);
    expect(d.medianDays.text).toBe("13.5 days");
    expect(tableText(d.tables.stalled)).toEqual([
      ["Did not attend two sessions in a row", "1", "25%"],
      ["Has not booked a session", "1", "25%"],
      ["All stalled", "2", "50%"],
    ]);
    expect(tableText(d.tables.declines)).toEqual([["The activity is full", "1", "100%"]]);
    expect(rowOf(tableText(d.tables.byCategory), "Walking groups")?.slice(1, 4)).toEqual(["5", "4", "2"]);
  });

  it("shows an owner each colleague by name, and a member only themselves and the rest of the team", async () => {
    const owner = (await referrerDashboard(viewer(f.olive), quarter, now))!;
    expect(tableText(owner.tables.byReferrer).map((r) => [r[0], r[1]])).toEqual([
      ["Olive Owner (you)", "4"],
      ["Mel Member", "2"],
    ]);
    const member = (await referrerDashboard(viewer(f.mel), quarter, now))!;
    expect(tableText(member.tables.byReferrer).map((r) => [r[0], r[1]])).toEqual([
      ["You", "2"],
      ["Others in your team", "4"],
    ]);
    expect(JSON.stringify(member)).not.toContain("Olive");
  });

  it("refuses another organisation's figures, and people who refer for nobody", async () => {
    expect(await referrerDashboard(viewer(f.ray), { ...quarter, org: f.r1.id }, now)).toBeNull();
    expect(await referrerDashboard(viewer(f.paula), quarter, now)).toBeNull();
    expect(await referrerDashboard(viewer(f.commissioner, { isCommissioner: true }), { ...quarter, org: f.r1.id }, now)).toBeNull();
  });
});

describe("the provider dashboard", () => {
  it("shows its own activities only, with referrals, acceptance, attendance, no-shows and fill", async () => {
    const d = (await providerDashboard(viewer(f.paula), quarter, now))!;
    const rows = tableText(d.tables.activities);
    expect(rows.map((r) => r[0])).toEqual(["Park Walk"]);
    // 6 referrals (5 from North, 1 from South in the period); 5 accepted; 3 sessions; 8 places booked;
    // attended 5 (s1: 2, s2: 2, s3: 1), no-shows 3 → 3 of 8 = 38%; 8 booked of 22 places = 36%.
    expect(rows[0].slice(1, 8)).toEqual(["6", "83%", "3", "8", "5", "38%", "36%"]);
    expect(tableText(d.tables.sessions).map((r) => r.slice(2, 5))).toEqual([
      ["4", "2", "2"],
      ["3", "2", "1"],
      ["1", "1", "0"],
    ]);
    // s1 and s2: half came, not fewer; nothing is highlighted... until a session where fewer than half came.
    expect(tableText(d.tables.lowAttendance)).toEqual([]);
  });

  it("highlights a session where fewer than half of those booked came", async () => {
    const s4 = await createSession(f.walk.id, { startsAt: day(-3), capacity: 10 });
    for (let i = 0; i < 3; i++) await createHistory({ activityId: f.walk.id, referrerOrganisationId: f.r2.id, referrerUserId: f.ray.id, createdAt: day(-200), path: ["accepted", "booked"], noShows: [s4.id] });
    await createHistory({ activityId: f.walk.id, referrerOrganisationId: f.r2.id, referrerUserId: f.ray.id, createdAt: day(-200), path: ["accepted", "booked", "attending"], attended: [s4.id] });
    const d = (await providerDashboard(viewer(f.paula), quarter, now))!;
    expect(tableText(d.tables.lowAttendance).map((r) => r.slice(1))).toEqual([["Park Walk", "4", "1", "25%"]]);
  });

  it("refuses another provider's figures", async () => {
    expect(await providerDashboard(viewer(f.greg), { ...quarter, org: f.p1.id }, now)).toBeNull();
    expect(await providerDashboard(viewer(f.olive), quarter, now)).toBeNull();
  });
});

describe("the area dashboard", () => {
  it("is for commissioners and admins only", async () => {
    expect(await areaDashboard(viewer(f.olive), quarter, now)).toBeNull();
    expect(await areaDashboard(viewer(f.paula), quarter, now)).toBeNull();
    expect(await areaDashboard(viewer(f.commissioner, { isCommissioner: true }), quarter, now)).not.toBeNull();
    expect(await areaDashboard(viewer(f.olive, { isAdmin: true }), quarter, now)).not.toBeNull();
  });

  it("suppresses counts under 5 (4 is '< 5', 5 is shown) and percentages built on them", async () => {
    const d = (await areaDashboard(viewer(f.commissioner, { isCommissioner: true }), quarter, now))!;
    expect(tableText(d.tables.funnel)).toEqual([
      ["Referred", "15", "100%"],
      ["Accepted", "5", "33%"],
      ["Booked a session", "< 5", "withheld"],
      ["Went at least once", "< 5", "withheld"],
      ["Completed", "< 5", "withheld"],
    ]);
    const byCategory = tableText(d.tables.byCategory);
    expect(rowOf(byCategory, "Walking groups")?.slice(1, 3)).toEqual(["6", "5"]);
    expect(rowOf(byCategory, "Gardening and nature")?.[1]).toBe("5");
    expect(rowOf(byCategory, "Cooking on a budget")?.slice(1)).toEqual(["< 5", "0", "0", "withheld", "0", "–"]);
    expect(d.medianDays.text).toBe("withheld");
  });

  it("never names a person: no referred person, no referrer", async () => {
    const d = await areaDashboard(viewer(f.commissioner, { isCommissioner: true }), quarter, now);
    const json = JSON.stringify(d);
    for (const name of ["Margaret", "Olive", "Mel Member", "Ray Other", "Paula"]) expect(json).not.toContain(name);
    expect(rowOf(tableText(d!.tables.byReferrer), "South Practice")?.[1]).toBe("9");
  });

  it("filters by town and kind of activity", async () => {
    const leeds = (await areaDashboard(viewer(f.commissioner, { isCommissioner: true }), { ...quarter, town: "Leeds" }, now))!;
    expect(tableText(leeds.tables.funnel)[0]).toEqual(["Referred", "10", "100%"]);
    const gardening = (await areaDashboard(viewer(f.commissioner, { isCommissioner: true }), { ...quarter, category: "gardening" }, now))!;
    expect(tableText(gardening.tables.funnel)[0]).toEqual(["Referred", "5", "100%"]);
    expect(tableText(gardening.tables.supplyByCategory).map((r) => r[0])).toEqual(["Gardening and nature"]);
  });
});
