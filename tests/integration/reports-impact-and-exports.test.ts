/**
 * Wellbeing change by dose with confidence intervals on a known fixture, and
 * the report pages and CSV downloads over HTTP: who gets what, what a
 * download holds, and that exporting names is audit-logged.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog } from "../../db/schema";
import { impactReport, tableText, type ReportViewer } from "~/modules/reports/index.server";
import { loader as areaLoader } from "~/routes/reports.area/route";
import { loader as areaCsvLoader } from "~/routes/reports.area[.]csv/route";
import { loader as referralsLoader } from "~/routes/reports.referrals/route";
import { loader as referralsCsvLoader } from "~/routes/reports.referrals[.]csv/route";
import { loader as caseloadLoader } from "~/routes/reports.referrals.caseload[.]csv/route";
import { loader as indexLoader } from "~/routes/reports._index/route";
import { loader as impactLoader } from "~/routes/reports.impact/route";
import { loader as activitiesLoader } from "~/routes/reports.activities/route";
import { loader as summaryLoader } from "~/routes/referrals.$id_.summary/route";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createHistory } from "../factories/report-history";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

const now = new Date();
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
const viewer = (u: { id: string }, extra: Partial<ReportViewer> = {}): ReportViewer => ({ id: u.id, isAdmin: false, isCommissioner: false, ...extra });

let f: Awaited<ReturnType<typeof fixture>>;

async function fixture() {
  const team = await createOrganisation({ kind: "referrer", name: "Link Team" });
  const worker = await createUser({ name: "Wendy Worker" });
  await addMember(team.id, worker.id, "owner");
  const other = await createOrganisation({ kind: "referrer", name: "Other Team" });
  const outsider = await createUser({ name: "Owen Outsider" });
  await addMember(other.id, outsider.id, "owner");
  const provider = await createOrganisation({ kind: "provider", name: "Walkers" });
  const organiser = await createUser({ name: "Olga Organiser" });
  await addMember(provider.id, organiser.id, "owner");
  const commissioner = await createUser({ name: "Cora Commissioner", isCommissioner: true });
  const nobody = await createUser({ name: "Nina Nobody" });
  const walk = await createActivity({ organisationId: provider.id, title: "Canal Walk", category: "walking", town: "Leeds" });
  const s = [];
  for (let i = 0; i < 6; i++) s.push((await createSession(walk.id, { startsAt: day(-25 + i * 3) })).id);
  const base = { activityId: walk.id, referrerOrganisationId: team.id, referrerUserId: worker.id, createdAt: day(-30), path: ["accepted" as const] };
  // UCLA-3 before → after, and sessions attended. Changes: dose 0: 0, −1; dose 1–2: −2, −1, 0; dose 3–5: −4, −2; dose 6+: −5.
  const people: [number, number, number, number[]?][] = [
    [6, 6, 0],
    [7, 6, 0],
    [8, 6, 1, [4, 6]],
    [7, 6, 2, [5, 6]],
    [6, 6, 2, [3, 6]],
    [9, 5, 3],
    [8, 6, 4],
    [9, 4, 6],
  ];
  const made = [];
  for (const [before, after, dose, ls] of people) {
    made.push(await createHistory({
      ...base,
      attended: s.slice(0, dose),
      ucla3: { baseline: before, followUp: after },
      ons4: ls ? { baseline: { life_satisfaction: ls[0], worthwhile: 5, happiness: 5, anxiety: 5 }, followUp: { life_satisfaction: ls[1], worthwhile: 5, happiness: 5, anxiety: 5 } } : undefined,
    }));
  }
  // Two with a baseline only, and one more referral with no answers at all.
  await createHistory({ ...base, ucla3: { baseline: 7 } });
  await createHistory({ ...base, ucla3: { baseline: 8 } });
  const declined = await createHistory({ ...base, path: ["declined"], declineReasonKind: "full" });
  return { open: made[7], declined, team, worker, other, outsider, provider, organiser, commissioner, nobody, walk };
}

beforeAll(async () => {
  f = await fixture();
}, 300_000);

const uclaColumn = 2 + 4; // label, people, four ONS4 items, then UCLA-3

describe("wellbeing before and after", () => {
  it("gives n, the mean change and a 95% interval for each dose group, and how complete the answers are", async () => {
    const r = (await impactReport(viewer(f.worker), { period: "quarter" }, now))!;
    expect(r.view).toBe("referrer");
    expect(tableText(r.tables.completeness)).toEqual([
      ["All referrals in the period", "11", "10", "8", "73%"],
      ["Those who went at least once", "6", "6", "6", "100%"],
    ]);
    const byDose = tableText(r.tables.byDose);
    expect(byDose.map((row) => [row[0], row[1], row[uclaColumn]])).toEqual([
      // mean −0.5, sd 0.707, t(1) = 12.706 → ±6.35
      ["No sessions", "2", "−0.5 (−6.9 to +5.9)"],
      // mean −1, sd 1, t(2) = 4.303 → ±2.48
      ["1 to 2 sessions", "3", "−1.0 (−3.5 to +1.5)"],
      // mean −3, sd 1.414, t(1) → ±12.7
      ["3 to 5 sessions", "2", "−3.0 (−15.7 to +9.7)"],
      ["6 or more sessions", "1", "−5.0 (too few for an interval)"],
    ]);
    // Life satisfaction (only the 1–2 group answered it): +2, +1, +3.
    expect(byDose[1][2]).toBe("+2.0 (−0.5 to +4.5)");
    const overall = tableText(r.tables.overall);
    expect(overall.find((row) => row[0].startsWith("Loneliness"))).toEqual(["Loneliness, UCLA-3 (3 to 9, lower is better)", "8", "−1.9 (−3.4 to −0.4)"]);
  });

  it("draws the same estimates the table shows", async () => {
    const r = (await impactReport(viewer(f.worker), { period: "quarter", measure: "ucla3" }, now))!;
    expect(r.charts.byDose.map((c) => c.text)).toEqual(tableText(r.tables.byDose).map((row) => row[uclaColumn]));
    expect(r.charts.byDose[1]).toMatchObject({ n: 3, estimate: -1 });
    expect(r.charts.byDose[1].low).toBeCloseTo(-1 - 4.303 / Math.sqrt(3), 6);
  });

  it("withholds groups under 5 for a commissioner, and is 404 to someone with no report", async () => {
    const r = (await impactReport(viewer(f.commissioner, { isCommissioner: true }), { period: "quarter" }, now))!;
    expect(r.view).toBe("area");
    const byDose = tableText(r.tables.byDose);
    expect(byDose.map((row) => [row[1], row[uclaColumn]])).toEqual([
      ["< 5", "withheld"],
      ["< 5", "withheld"],
      ["< 5", "withheld"],
      ["< 5", "withheld"],
    ]);
    expect(r.charts.byDose.every((c) => c.estimate === null)).toBe(true);
    expect(await impactReport(viewer(f.nobody), { period: "quarter" }, now)).toBeNull();
    expect(await impactReport(viewer(f.worker), { period: "quarter", view: "area" }, now)).toBeNull();
    expect((await callRoute(impactLoader, await requestAs(f.nobody.id, "/reports/impact"))).status).toBe(404);
  });
});

describe("report pages and downloads", () => {
  it("sends someone with no report to a 404, and a signed-out visitor to sign in", async () => {
    expect((await callRoute(indexLoader, await requestAs(f.nobody.id, "/reports"))).status).toBe(404);
    expect((await callRoute(indexLoader, await requestAs(null, "/reports"))).status).toBe(302);
    expect((await callRoute(indexLoader, await requestAs(f.commissioner.id, "/reports"))).status).toBe(200);
  });

  it("keeps the area to commissioners and admins, and each team's figures to its members", async () => {
    expect((await callRoute(areaLoader, await requestAs(f.worker.id, "/reports/area"))).status).toBe(404);
    expect((await callRoute(areaCsvLoader, await requestAs(f.organiser.id, "/reports/area.csv?table=funnel"))).status).toBe(404);
    expect((await callRoute(referralsLoader, await requestAs(f.outsider.id, `/reports/referrals?org=${f.team.id}`))).status).toBe(404);
    expect((await callRoute(referralsLoader, await requestAs(f.outsider.id, "/reports/referrals"))).body.scope.organisationId).toBe(f.other.id);
    expect((await callRoute(referralsLoader, await requestAs(f.commissioner.id, "/reports/referrals"))).status).toBe(404);
    expect((await callRoute(referralsCsvLoader, await requestAs(f.organiser.id, "/reports/referrals.csv?table=funnel"))).status).toBe(404);
    expect((await callRoute(activitiesLoader, await requestAs(f.worker.id, "/reports/activities"))).status).toBe(404);
    expect((await callRoute(caseloadLoader, await requestAs(f.organiser.id, "/reports/referrals/caseload.csv"))).status).toBe(404);
  });

  it("downloads a table as CSV with a byte-order mark, ISO dates and the page's suppression", async () => {
    const res = await callRoute(areaCsvLoader, await requestAs(f.commissioner.id, "/reports/area.csv?period=quarter&table=funnel"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="linkway-area-funnel-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.text.split("\r\n");
    // Response.text() drops a byte-order mark, so read the bytes for it.
    expect(lines[0]).toBe("Stage,People,Share of those referred,Period from,Period to");
    const raw = (await areaCsvLoader({ request: await requestAs(f.commissioner.id, "/reports/area.csv?table=funnel"), params: {}, context: {} as never })) as Response;
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[1]).toMatch(/^Referred,11,100%,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2}$/);
    expect(lines[5]).toMatch(/^Completed,0,0%,/);
    expect(lines[3]).toMatch(/^Booked a session,0,0%,/);
    const unknown = await callRoute(areaCsvLoader, await requestAs(f.commissioner.id, "/reports/area.csv?table=nope"));
    expect(unknown.status).toBe(404);
  });

  it("exports each referral by reference code, and with names only when asked, which is audit-logged", async () => {
    const plain = await callRoute(caseloadLoader, await requestAs(f.worker.id, "/reports/referrals/caseload.csv?period=quarter"));
    expect(plain.status).toBe(200);
    expect(plain.text.split("\r\n")[0]).toBe("Reference,Activity,Kind of activity,Referred at,Status,Sessions attended,Sessions missed,First session attended,Connection actions done,Connection actions missed,Connection actions followed (%),Why declined,Stalled");
    expect(plain.text).not.toContain("Margaret");
    expect(plain.text).toMatch(/T\d\d-\d{4},Canal Walk,Walking groups,\d{4}-\d{2}-\d{2}T[\d:.]+Z,Accepted,6,0,\d{4}-/);
    expect(plain.text).toContain("The activity is full");
    const named = await callRoute(caseloadLoader, await requestAs(f.worker.id, "/reports/referrals/caseload.csv?period=quarter&names=1"));
    expect(named.text.split("\r\n")[0]).toContain("Reference,First name,Last name,Activity");
    expect(named.text).toContain("Margaret");
    const db = await getDb();
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.actorUserId, f.worker.id)));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("report.")).sort()).toEqual(["report.exported", "report.exported_with_names"]);
    expect(audit.find((a) => a.action === "report.exported_with_names")?.details).toMatchObject({ includeNames: true, rows: 11 });
  });

  it("says what is wrong with custom dates next to the field, and still shows figures", async () => {
    const res = await callRoute(referralsLoader, await requestAs(f.worker.id, "/reports/referrals?period=custom&from=2026-05-10&to=2026-02-01"));
    expect(res.status).toBe(200);
    expect(res.body.errors.to).toEqual(["The last day must be on or after the first day"]);
    const bad = await callRoute(referralsLoader, await requestAs(f.worker.id, "/reports/referrals?period=custom&from=2026-02-30"));
    expect(bad.body.errors.from).toEqual(["Enter a real date, like 2026-03-31"]);
    expect(bad.body.errors.to).toEqual(["Enter the last day of the period"]);
  });
});

describe("the message back to the GP and referrer", () => {
  it("is ready when a referral ends, under the standard's headings, with the SNOMED CT code and a plain-text copy", async () => {
    const res = await callRoute(summaryLoader, await requestAs(f.worker.id, `/referrals/${f.declined.id}/summary`), { id: f.declined.id });
    expect(res.status).toBe(200);
    const summary = res.body.summary;
    expect(summary.kind).toBe("ready");
    expect(summary.sections.map((s: { heading: string }) => s.heading)).toEqual([
      "Person",
      "Referral",
      "What matters to the person",
      "What was offered",
      "What was taken up",
      "Wellbeing before and after",
      "Outcome",
    ]);
    expect(summary.plainText).toContain("SNOMED CT 871731000000106");
    expect(summary.plainText).toContain("Outcome: The organiser could not offer a place");
    expect(summary.plainText).toContain("Sessions attended: 0");
    expect(summary.plainText).toContain(`Linkway reference: ${f.declined.code}`);
  });

  it("waits for a referral still under way, and is 404 to another team", async () => {
    const open = await callRoute(summaryLoader, await requestAs(f.worker.id, `/referrals/${f.open.id}/summary`), { id: f.open.id });
    expect(open.body.summary).toMatchObject({ kind: "not_ended", statusLabel: "Accepted" });
    expect((await callRoute(summaryLoader, await requestAs(f.outsider.id, `/referrals/${f.declined.id}/summary`), { id: f.declined.id })).status).toBe(404);
    expect((await callRoute(summaryLoader, await requestAs(f.commissioner.id, `/referrals/${f.declined.id}/summary`), { id: f.declined.id })).status).toBe(404);
  });
});
