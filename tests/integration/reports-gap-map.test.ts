/**
 * The gap map on a small known world: which searches and declines count as
 * unmet, how they fall into ~1 km cells by kind, "< 5" at 4 but not at 5,
 * the map drawing exactly what the table says, the evidence for one cell, and
 * who may open any of it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { searchLog } from "../../db/schema";
import { areaDashboard, gapEvidence, gapMap, tableText, type ReportViewer } from "~/modules/reports/index.server";
import { jobs } from "~/modules/worker/index.server";
import { gapCellSchema } from "~/modules/reports";
import { loader as gapsLoader } from "~/routes/reports.gaps/route";
import { loader as gapsCsvLoader } from "~/routes/reports.gaps[.]csv/route";
import { loader as evidenceLoader } from "~/routes/reports.gaps_.$cell/route";
import { addMember, createActivity, createOrganisation, createUser } from "../factories";
import { createHistory } from "../factories/report-history";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

const now = new Date();
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
const viewer = (u: { id: string }, extra: Partial<ReportViewer> = {}): ReportViewer => ({ id: u.id, isAdmin: false, isCommissioner: false, ...extra });
const quarter = { period: "quarter" as const };

// Cell A in Leeds (a walking group 3 km away); cell B north of Bradford (the
// nearest allotment 12 km away); cell C with one search for two kinds.
const A = { lat: 53.8, lng: -1.55 };
const B = { lat: 53.9, lng: -1.7 };
const C = { lat: 53.85, lng: -1.6 };

let f: Awaited<ReturnType<typeof fixture>>;

async function search(at: { lat: number; lng: number } | null, categories: string[] | null, resultCount: number, when = day(-3)) {
  const db = await getDb();
  await db.insert(searchLog).values({ at: when, query: null, categories, lat: at?.lat ?? null, lng: at?.lng ?? null, resultCount });
}

async function fixture() {
  const provider = await createOrganisation({ kind: "provider", name: "Walkers" });
  const organiser = await createUser({ name: "Olga Organiser" });
  await addMember(provider.id, organiser.id, "owner");
  const team = await createOrganisation({ kind: "referrer", name: "Link Team" });
  const worker = await createUser({ name: "Wendy Worker" });
  await addMember(team.id, worker.id, "owner");
  const commissioner = await createUser({ name: "Cara Commissioner", isCommissioner: true });
  const admin = await createUser({ name: "Ada Admin", isAdmin: true });
  const nobody = await createUser({ name: "Nora Nobody" });

  const walk = await createActivity({ organisationId: provider.id, title: "Hyde Park Walk", category: "walking", lat: 53.8198, lng: -1.5781 });
  await createActivity({ organisationId: provider.id, title: "Bradford Allotment", category: "gardening", town: "Bradford", lat: 53.79, lng: -1.75 });
  const cook = await createActivity({ organisationId: provider.id, title: "Cook Club", category: "cooking", town: "Wakefield", lat: 53.683, lng: -1.499 });

  for (let i = 0; i < 5; i++) await search(A, ["walking"], i % 2); // 5 found 0 or 1: unmet
  await search(A, ["walking"], 3); // found 3: met
  await search(null, ["walking"], 0); // no place: not on the map
  await search(A, ["walking"], 0, day(-200)); // outside the quarter
  for (let i = 0; i < 4; i++) await search(B, ["gardening"], 0);
  await search(C, ["walking", "gardening"], 2);
  // Two turned away because the cookery club was full; one for another reason (not a gap).
  const ref = { activityId: cook.id, referrerOrganisationId: team.id, referrerUserId: worker.id, createdAt: day(-10), path: ["declined" as const] };
  await createHistory({ ...ref, declineReasonKind: "full" });
  await createHistory({ ...ref, declineReasonKind: "full" });
  await createHistory({ ...ref, declineReasonKind: "not_suitable" });
  return { provider, organiser, team, worker, commissioner, admin, nobody, walk, cook };
}

beforeAll(async () => {
  f = await fixture();
}, 300_000);

const asCommissioner = () => viewer(f.commissioner, { isCommissioner: true });

describe("the gap map", () => {
  it("counts unmet searches and full declines by ~1 km cell and kind, showing 1–4 as “< 5”", async () => {
    const g = (await gapMap(asCommissioner(), quarter, now))!;
    const rows = tableText(g.tables.cells);
    expect(rows.map((r) => r.slice(1, 4))).toEqual([
      ["5", "0", "5"], // walking at A
      ["< 5", "0", "< 5"], // gardening at B: 4 searches
      ["0", "< 5", "< 5"], // cooking, turned away twice
      ["< 5", "0", "< 5"], // C: the two-kind search, once for each
      ["< 5", "0", "< 5"],
    ]);
    // A cell is named by its postcode district where the places module knows one (A is in Leeds), else by its town.
    expect(rows[0][0]).toBe("Walking groups, near LS11");
    expect(rows[1][0]).not.toMatch(/near [A-Z]{1,2}\d/);
    expect(rows[0][4]).toBe("1 within 5 km");
    expect(rows[1][0]).toMatch(/^Gardening and nature, near /);
    expect(rows[1][4]).toMatch(/^nothing within 5 km \(nearest 1[23] km\)$/);
    expect(rows[2][0]).toMatch(/^Cooking on a budget, near /);
    expect(g.points[0]).toMatchObject({ cell: "53.80,-1.55", lat: 53.8, lng: -1.55 });
    expect(g.points[0].summary).toMatch(/^Walking groups, near .+: 5 searches that found little; 1 within 5 km\.$/);
    expect(g.points[1].summary).toMatch(/: < 5 searches that found little; nothing within 5 km/);
  });

  it("totals by kind, where 5 gardening searches in two cells are shown though each cell is hidden", async () => {
    const g = (await gapMap(asCommissioner(), quarter, now))!;
    expect(tableText(g.tables.byCategory)).toEqual([
      ["Walking groups", "6", "6", "0"],
      ["Gardening and nature", "5", "5", "0"],
      ["Cooking on a budget", "< 5", "0", "< 5"],
    ]);
  });

  it("draws on the map and the chart exactly what the tables say", async () => {
    const g = (await gapMap(asCommissioner(), quarter, now))!;
    expect(g.points.length).toBeGreaterThanOrEqual(g.tables.cells.rows.length);
    g.tables.cells.rows.forEach((row, i) => {
      expect(g.points[i].label).toBe(row.label);
      expect(g.points[i].total).toEqual(row.cells[2]);
      expect(g.points[i].summary).toContain(row.cells[3].text);
    });
    // A suppressed cell gives the map no number to size it by.
    expect(g.points.filter((p) => p.total.text === "< 5").every((p) => p.total.value === null)).toBe(true);
    expect(g.tables.byCategory.rows.map((r) => r.cells[0].value)).toEqual([6, 5, null]);
    expect(g.supply.reduce((n, s) => n + s.activities, 0)).toBe(3);
  });

  it("filters by kind and by period", async () => {
    const g = (await gapMap(asCommissioner(), { ...quarter, category: "gardening" }, now))!;
    expect(tableText(g.tables.byCategory)).toEqual([["Gardening and nature", "5", "5", "0"]]);
    expect(g.supply).toHaveLength(1);
    const year = (await gapMap(asCommissioner(), { period: "year" }, now))!;
    expect(tableText(year.tables.byCategory)[0]).toEqual(["Walking groups", "7", "7", "0"]);
    const long = (await gapMap(asCommissioner(), { period: "custom", from: day(-400).toISOString().slice(0, 10), to: day(-300).toISOString().slice(0, 10) }, now))!;
    expect(long.points).toEqual([]);
  });

  it("gives each cell its people-free evidence: by month, what was asked for, and the nearest listed", async () => {
    const e = (await gapEvidence(asCommissioner(), quarter, gapCellSchema.parse("53.80,-1.55"), now))!;
    expect(e.total.text).toBe("5");
    expect(e.tables.months.rows.reduce((n, r) => n + (r.cells[0].value ?? 0), 0)).toBe(5);
    expect(tableText(e.tables.asked)).toEqual([["Walking groups", "5", "0"]]);
    expect(tableText(e.tables.nearest)[0]).toEqual(["Hyde Park Walk", "Walking groups", "Leeds", "2.9 km"]);
    const c = (await gapEvidence(asCommissioner(), quarter, gapCellSchema.parse("53.85,-1.60"), now))!;
    expect(c.total.text).toBe("< 5");
    expect(tableText(c.tables.asked).map((r) => r[0]).sort()).toEqual(["Gardening and nature", "Walking groups"]);
  });
});

describe("who may see the gap map", () => {
  it("is for commissioners and admins only", async () => {
    for (const u of [f.worker, f.organiser, f.nobody]) {
      expect(await gapMap(viewer(u), quarter, now)).toBeNull();
      expect(await gapEvidence(viewer(u), quarter, gapCellSchema.parse("53.80,-1.55"), now)).toBeNull();
    }
    expect(await gapMap(viewer(f.admin, { isAdmin: true }), quarter, now)).not.toBeNull();
  });

  it("answers 404 over HTTP to everyone else, and gives commissioners the page, the evidence and the CSV", async () => {
    for (const u of [f.worker, f.organiser, f.nobody]) {
      expect((await callRoute(gapsLoader, await requestAs(u.id, "/reports/gaps"))).status).toBe(404);
      expect((await callRoute(gapsCsvLoader, await requestAs(u.id, "/reports/gaps.csv?table=cells"))).status).toBe(404);
      expect((await callRoute(evidenceLoader, await requestAs(u.id, "/reports/gaps/53.80,-1.55"), { cell: "53.80,-1.55" })).status).toBe(404);
    }
    expect((await callRoute(gapsLoader, await requestAs(null, "/reports/gaps"))).status).toBe(302);
    const page = await callRoute(gapsLoader, await requestAs(f.commissioner.id, "/reports/gaps"));
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toMatch(/Wendy|Olga|Link Team/);
    expect((await callRoute(evidenceLoader, await requestAs(f.commissioner.id, "/reports/gaps/53.80,-1.55"), { cell: "53.80,-1.55" })).status).toBe(200);
    expect((await callRoute(evidenceLoader, await requestAs(f.commissioner.id, "/reports/gaps/nowhere"), { cell: "nowhere" })).status).toBe(404);
    expect((await callRoute(gapsCsvLoader, await requestAs(f.commissioner.id, "/reports/gaps.csv?table=nope"))).status).toBe(404);
  });

  it("downloads the table as the page shows it, “< 5” included", async () => {
    const { text } = await callRoute(gapsCsvLoader, await requestAs(f.commissioner.id, "/reports/gaps.csv?table=by-category"));
    expect(text).toContain("Walking groups,6,6,0");
    expect(text).toContain("Cooking on a budget,< 5,0,< 5");
    const cell = await callRoute(gapsCsvLoader, await requestAs(f.commissioner.id, "/reports/gaps.csv?table=asked&cell=53.80,-1.55"));
    expect(cell.text).toContain("Walking groups,5,0");
  });
});

// Last: it runs the worker and logs one more search.
describe("the search log kept per day by the worker", () => {
  it("gives the gap map and the area's searches the same figures as the log read live, says when, and counts today's searches at once", async () => {
    const areaSearches = async () => tableText((await areaDashboard(asCommissioner(), quarter, now))!.tables.searches);
    const liveGaps = (await gapMap(asCommissioner(), quarter, now))!;
    const liveSearches = await areaSearches();
    expect(liveGaps.asOf).toBeNull();
    expect(liveSearches.find((r) => r[0] === "Walking groups")).toEqual(["Walking groups", "8", "< 5", "withheld"]);

    await jobs.find((j) => j.name === "refresh-report-facts")!.run();
    const kept = (await gapMap(asCommissioner(), quarter, now))!;
    expect(kept.asOf).not.toBeNull();
    expect({ ...kept, asOf: null }).toEqual(liveGaps);
    expect(await areaSearches()).toEqual(liveSearches);
    expect(tableText((await gapMap(asCommissioner(), { ...quarter, category: "gardening" }, now))!.tables.byCategory)).toEqual([["Gardening and nature", "5", "5", "0"]]);

    await search(A, ["walking"], 0, new Date());
    expect(tableText((await gapMap(asCommissioner(), quarter, now))!.tables.cells)[0].slice(0, 4)).toEqual(["Walking groups, near LS11", "6", "0", "6"]);
    expect((await areaSearches()).find((r) => r[0] === "Walking groups")).toEqual(["Walking groups", "9", "5", "56%"]);
  });
});
