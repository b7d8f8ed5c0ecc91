/**
 * The Open Referral round trip: every published demo service, read through our
 * own HSDS API and served as a paged feed, imported by an admin as new
 * organisations, comes back out of the API as the same services. A feed
 * that is not HSDS, or cannot be reached, is refused with its reason.
 */
import { createServer, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb } from "../../db/client";
import { activities, activitySources, organisations } from "../../db/schema";
import { loadDemoDataIfEmpty } from "~/modules/demo/index.server";
import { confirmImport, previewImport } from "~/modules/interop/index.server";
import * as services from "~/routes/api.hsds.services._index/route";
import * as service from "~/routes/api.hsds.services.$id/route";
import { callRoute } from "../setup/routes";
import { createUser } from "../factories";

type Json = { [key: string]: unknown };

async function get(loader: Parameters<typeof callRoute>[0], path: string, params: Record<string, string> = {}): Promise<Json> {
  const res = await callRoute(loader, new Request(`http://localhost:3000${path}`), params);
  expect(res.status).toBe(200);
  return res.body as Json;
}

async function exportAll(): Promise<Json[]> {
  const out: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await get(services.loader, `/api/hsds/services?per_page=100&page=${page}`);
    for (const s of body.contents as Json[]) out.push(await get(service.loader, `/api/hsds/services/${s.id}`, { id: String(s.id) }));
    if (body.last_page) return out;
  }
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A service without what is allowed to differ between two copies: ids, links to itself, when it changed, the order of its schedules. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !(k === "id" || k.endsWith("_id") || k === "url" || k === "schedule_link" || k === "last_modified" || k === "uri" || k === "term_uri"))
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return typeof value === "string" ? value.replace(uuid, "<id>") : value;
}

let originals: Json[];
let admin: { id: string };
let feed: Server;
let closeFeed: () => Promise<void>;
let feedUrl: string;
const feedPages = new Map<string, string>();

beforeAll(async () => {
  await loadDemoDataIfEmpty();
  admin = await createUser({ isAdmin: true });
  originals = await exportAll();
  expect(originals.length).toBeGreaterThan(100);
  // The export served as someone else's paged feed, 60 services a page, with its links on https as
  // in production (tests run on http://localhost): a new online activity starts from its service's page.
  const published = JSON.parse(JSON.stringify(originals).replaceAll("http://localhost:3000/", "https://linkway.example/")) as Json[];
  const size = 60;
  const pages = Math.ceil(originals.length / size);
  for (let p = 1; p <= pages; p++) {
    const contents = published.slice((p - 1) * size, p * size);
    feedPages.set(String(p), JSON.stringify({ total_items: originals.length, total_pages: pages, page_number: p, size: contents.length, first_page: p === 1, last_page: p === pages, empty: false, contents }));
  }
  feed = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/broken/services") return res.writeHead(200, { "Content-Type": "text/html" }).end("<html>Not an API</html>");
    const body = url.pathname === "/hsds/services" ? feedPages.get(url.searchParams.get("page") ?? "1") : undefined;
    if (!body) return res.writeHead(404).end("not found");
    res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  });
  ({ base: feedUrl, close: closeFeed } = await listenOnFreePort(feed));
}, 600_000);

afterAll(() => closeFeed());

describe("HSDS round trip", () => {
  it("imports every demo service from a paged feed into new organisations, and exports them the same", async () => {
    const now = new Date();
    const preview = await previewImport({ actor: { userId: admin.id }, organisationId: null, format: "hsds", url: `${feedUrl}/hsds`, now });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.rows.filter((r) => r.outcome === "rejected")).toEqual([]);
    expect(preview.counts.create).toBe(originals.length);
    const confirmed = await confirmImport({ actor: { userId: admin.id }, previewId: preview.previewId, organisationId: null, now });
    expect(confirmed.ok).toBe(true);

    const db = await getDb();
    const links = await db.select().from(activitySources).where(eq(activitySources.source, "hsds"));
    expect(links).toHaveLength(originals.length);
    const copyOf = new Map(links.map((l) => [l.sourceId, l.activityId]));
    for (const original of originals) {
      const copyId = copyOf.get(String(original.id))!;
      expect(copyId).not.toBe(original.id);
      const copy = await get(service.loader, `/api/hsds/services/${copyId}`, { id: copyId });
      expect(copy.organization_id).not.toBe(original.organization_id);
      expect(comparable(copy)).toEqual(comparable(original));
    }
  }, 600_000);

  it("imports the same feed again as unchanged, with no new organisation or activity", async () => {
    const db = await getDb();
    const before = [(await db.select().from(organisations)).length, (await db.select().from(activities)).length];
    const preview = await previewImport({ actor: { userId: admin.id }, organisationId: null, format: "hsds", url: `${feedUrl}/hsds/services`, now: new Date() });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: originals.length, rejected: 0 });
    expect((await confirmImport({ actor: { userId: admin.id }, previewId: preview.previewId, organisationId: null, now: new Date() })).ok).toBe(true);
    expect([(await db.select().from(organisations)).length, (await db.select().from(activities)).length]).toEqual(before);
  }, 600_000);

  it("refuses a feed that is not HSDS, one that is not there, and a file that is not JSON, saying why", async () => {
    const who = { userId: admin.id };
    const broken = await previewImport({ actor: who, organisationId: null, format: "hsds", url: `${feedUrl}/broken`, now: new Date() });
    expect(broken).toMatchObject({ ok: false, field: "url", message: expect.stringContaining("did not answer with JSON") });
    const missing = await previewImport({ actor: who, organisationId: null, format: "hsds", url: `${feedUrl}/nothing/services`, now: new Date() });
    expect(missing).toMatchObject({ ok: false, field: "url", message: "The address answered 404 (not found)" });
    const notJson = await previewImport({ actor: who, organisationId: null, format: "hsds", file: { name: "x.json", text: "{ nope" }, now: new Date() });
    expect(notJson).toMatchObject({ ok: false, field: "file", message: expect.stringContaining("not JSON") });
  });
});
