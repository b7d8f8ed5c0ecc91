/**
 * Imports as an organiser meets them: a CSV with a bad row changes nothing and
 * says which row and why; a good file, confirmed, creates published activities
 * that search finds; the same file again changes nothing; a changed row
 * updates its activity in place; someone outside the organisation can neither
 * preview nor confirm.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities, activitySources, auditLog, importPreviews, sessions } from "../../db/schema";
import { confirmImport, previewImport } from "~/modules/interop/index.server";
import { searchActivities, syncSearchIndex } from "~/modules/activities/index.server";
import { parseSearchParams } from "~/modules/activities";
import { addMember, createOrganisation, createUser } from "../factories";
import { csvFile, csvRow } from "../factories/imports";
import { data, multipartRequest, run } from "../factories/activities";
import { cookieFor, requestAs } from "../setup/auth";
import * as importRoute from "~/routes/organisations.$id.import/route";

let orgId: string;
let organiser: { id: string };
let outsider: { id: string };

beforeAll(async () => {
  const org = await createOrganisation({ name: "Hyde Park Walkers" });
  orgId = org.id;
  organiser = await createUser();
  await addMember(org.id, organiser.id, "member");
  const other = await createOrganisation({ name: "Someone Else" });
  outsider = await createUser();
  await addMember(other.id, outsider.id, "owner");
});

const actor = () => ({ userId: organiser.id });

async function orgActivities() {
  const db = await getDb();
  return db.select().from(activities).where(eq(activities.organisationId, orgId));
}

async function previewCsv(text: string, who = actor()) {
  return previewImport({ actor: who, organisationId: orgId, format: "csv", file: { name: "activities.csv", text }, now: new Date() });
}

describe("a CSV with one bad row", () => {
  it("previews every row, names the bad one with its reason, and confirming writes nothing", async () => {
    const file = csvFile([
      csvRow({ source_id: "walk-a", title: "Monday Walk", days: "MO" }),
      csvRow({ source_id: "walk-b", title: "Wednesday Walk", days: "WE", end_time: "09:00" }),
      csvRow({ source_id: "walk-c", title: "Friday Walk", days: "FR", category: "no-such-kind" }),
    ]);
    const preview = await previewCsv(file);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows.map((r) => [r.row, r.title, r.outcome])).toEqual([
      [2, "Monday Walk", "create"],
      [3, "Wednesday Walk", "rejected"],
      [4, "Friday Walk", "rejected"],
    ]);
    expect(preview.rows[1].reasons).toEqual(["end_time: The end time must be after the start time"]);
    expect(preview.rows[2].reasons).toEqual(["category: Choose a category from the list"]);
    expect(preview.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 2 });

    const confirmed = await confirmImport({ actor: actor(), previewId: preview.previewId, organisationId: orgId, now: new Date() });
    expect(confirmed.ok).toBe(false);
    expect(await orgActivities()).toEqual([]);
  });

  it("refuses a file that is not the template, saying why", async () => {
    const preview = await previewCsv("name,when\nWalk,Tuesday\n");
    expect(preview).toMatchObject({ ok: false, field: "file" });
    if (!preview.ok) expect(preview.message).toContain("not in the template: name, when");
    expect(await orgActivities()).toEqual([]);
  });

  it("reports a repeated source id and a yes/no column that says neither", async () => {
    const preview = await previewCsv(csvFile([csvRow({ source_id: "x" }), csvRow({ source_id: "x", self_referral: "maybe" })]));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows[1].outcome).toBe("rejected");
    expect(preview.rows[1].reasons).toEqual(["self_referral: write yes or no", "source_id: x is used by an earlier row too"]);
  });
});

it("reports a line whose values do not line up with the headings (an unquoted comma) on that row", async () => {
  const good = csvFile([csvRow({ source_id: "comma-ok" })]);
  const [header, line] = good.trim().split("\n");
  const preview = await previewCsv(`${header}\n${line}\n${line.replace("comma-ok", "comma-bad").replace("A gentle walk round the park", "A gentle walk, round the park")}\n`);
  if (!preview.ok) throw new Error(preview.message);
  expect(preview.rows.map((r) => r.outcome)).toEqual(["create", "rejected"]);
  expect(preview.rows[1].row).toBe(3);
  expect(preview.rows[1].reasons[0]).toContain("needs \"quotes\" around it");
});

describe("a good CSV, confirmed", () => {
  const rows = [
    csvRow({ source_id: "walk-a", title: "Monday Walk", days: "MO" }),
    csvRow({ source_id: "walk-b", title: "Wednesday Walk", days: "WE" }),
    csvRow({ source_id: "chair-yoga", title: "Chair Yoga Online", category: "walking", mode: "online", online_url: "https://meet.example.test/yoga", venue_name: "", address: "", town: "", postcode: "", lat: "", lng: "", status: "draft" }),
  ];

  it("creates each activity with its sessions, published unless the row says draft, and audits it", async () => {
    const preview = await previewCsv(csvFile(rows));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    const confirmed = await confirmImport({ actor: actor(), previewId: preview.previewId, organisationId: orgId, now: new Date() });
    expect(confirmed).toEqual({ ok: true, counts: { create: 3, update: 0, unchanged: 0, rejected: 0 } });

    const made = await orgActivities();
    expect(made.map((a) => [a.title, a.status]).sort()).toEqual([
      ["Chair Yoga Online", "draft"],
      ["Monday Walk", "published"],
      ["Wednesday Walk", "published"],
    ]);
    const db = await getDb();
    const monday = made.find((a) => a.title === "Monday Walk")!;
    const upcoming = await db.select().from(sessions).where(eq(sessions.activityId, monday.id));
    expect(upcoming.length).toBeGreaterThanOrEqual(12);
    expect(upcoming.every((s) => new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "Europe/London" }).format(s.startsAt) === "Mon")).toBe(true);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "import.applied"), eq(auditLog.targetId, orgId)));
    expect(audit).toHaveLength(1);
  });

  it("cannot be confirmed twice", async () => {
    const db = await getDb();
    const applied = (await db.select().from(importPreviews).where(eq(importPreviews.organisationId, orgId))).find((p) => p.appliedAt)!;
    const again = await confirmImport({ actor: actor(), previewId: applied.id, organisationId: orgId, now: new Date() });
    expect(again.ok).toBe(false);
    expect(await orgActivities()).toHaveLength(3);
  });

  it("finds the published ones in search", async () => {
    await syncSearchIndex();
    const parsed = parseSearchParams(new URLSearchParams({ q: "Wednesday Walk" }));
    if (!parsed.ok) throw new Error("bad search");
    const page = await searchActivities(parsed.params, { log: false });
    expect(JSON.stringify(page)).toContain("Wednesday Walk");
  });

  it("imports the same file again as unchanged, writing nothing new", async () => {
    const before = await orgActivities();
    const preview = await previewCsv(csvFile(rows));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const confirmed = await confirmImport({ actor: actor(), previewId: preview.previewId, organisationId: orgId, now: new Date() });
    expect(confirmed.ok).toBe(true);
    const after = await orgActivities();
    expect(after.map((a) => [a.id, a.updatedAt.getTime()]).sort()).toEqual(before.map((a) => [a.id, a.updatedAt.getTime()]).sort());
  });

  it("updates the activity a changed row names by its source id, in place", async () => {
    const before = await orgActivities();
    const changed = rows.map((r) => (r.source_id === "walk-b" ? { ...r, title: "Wednesday Stroll", capacity: "20" } : r));
    const preview = await previewCsv(csvFile(changed));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows.map((r) => r.outcome)).toEqual(["unchanged", "update", "unchanged"]);
    expect((await confirmImport({ actor: actor(), previewId: preview.previewId, organisationId: orgId, now: new Date() })).ok).toBe(true);
    const after = await orgActivities();
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    const stroll = after.find((a) => a.title === "Wednesday Stroll")!;
    expect(stroll.capacity).toBe(20);
    const db = await getDb();
    const links = await db.select().from(activitySources).where(eq(activitySources.organisationId, orgId));
    expect(links.find((l) => l.sourceId === "walk-b")?.activityId).toBe(stroll.id);
  });
});

describe("who may import", () => {
  it("refuses an organiser of another organisation, with nothing written", async () => {
    const db = await getDb();
    const previewsBefore = (await db.select().from(importPreviews)).length;
    const attempt = previewImport({ actor: { userId: outsider.id }, organisationId: orgId, format: "csv", file: { name: "x.csv", text: csvFile([csvRow({ source_id: "intruder" })]) }, now: new Date() });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect((await db.select().from(importPreviews)).length).toBe(previewsBefore);
  });

  it("refuses to confirm someone else's preview", async () => {
    const preview = await previewCsv(csvFile([csvRow({ source_id: "walk-z", title: "Sunday Walk", days: "SU" })]));
    if (!preview.ok) throw new Error(preview.message);
    const outsiderConfirm = await confirmImport({ actor: { userId: outsider.id }, previewId: preview.previewId, organisationId: orgId, now: new Date() }).catch((e: unknown) => e);
    expect(outsiderConfirm).toMatchObject({ ok: false });
    const db = await getDb();
    expect(await db.select().from(activities).where(inArray(activities.title, ["Sunday Walk"]))).toEqual([]);
  });
});

describe("the import page", () => {
  const path = () => `/organisations/${orgId}/import`;
  const upload = (text: string) => ({ intent: "preview", format: "csv", file: new File([text], "activities.csv", { type: "text/csv" }) });

  it("answers 404 to someone outside the organisation, and their upload writes nothing", async () => {
    const db = await getDb();
    const previewsBefore = (await db.select().from(importPreviews)).length;
    const page = await run(importRoute.loader, { request: await requestAs(outsider.id, path()), params: { id: orgId } });
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(404);
    const post = await run(importRoute.action, { request: multipartRequest(await cookieFor(outsider.id), path(), upload(csvFile([csvRow({ source_id: "intruder", title: "Intruder Walk" })]))), params: { id: orgId } });
    expect((post as Response).status).toBe(404);
    expect((await db.select().from(importPreviews)).length).toBe(previewsBefore);
    expect(await db.select().from(activities).where(eq(activities.title, "Intruder Walk"))).toEqual([]);
  });

  it("takes a member's upload to a preview page listing each row, then confirms it", async () => {
    const cookie = await cookieFor(organiser.id);
    const post = await run(importRoute.action, { request: multipartRequest(cookie, path(), upload(csvFile([csvRow({ source_id: "page-walk", title: "Thursday Walk", days: "TH" })]))), params: { id: orgId } });
    expect((post as Response).status).toBe(302);
    const location = (post as Response).headers.get("Location")!;
    const previewId = /preview=([0-9a-f-]{36})/.exec(location)![1];
    const shown = await data(importRoute.loader, { request: await requestAs(organiser.id, location), params: { id: orgId } });
    expect(shown.preview?.rows.map((r) => [r.title, r.outcome])).toEqual([["Thursday Walk", "create"]]);
    const confirm = await run(importRoute.action, { request: await requestAs(organiser.id, path(), { form: { intent: "confirm", previewId } }), params: { id: orgId } });
    expect((confirm as Response).headers.get("Location")).toBe(`${path()}?done=${previewId}`);
    expect((await orgActivities()).map((a) => a.title)).toContain("Thursday Walk");
  });

  it("shows a file problem next to the file field", async () => {
    const post = await run(importRoute.action, { request: multipartRequest(await cookieFor(organiser.id), path(), upload("")), params: { id: orgId } });
    expect(JSON.stringify(post)).toContain("Choose the CSV file to import");
  });
});
