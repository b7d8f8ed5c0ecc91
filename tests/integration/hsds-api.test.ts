/**
 * The Open Referral API over the demo data, as a directory or a council's
 * aggregator would read it: every endpoint's every answer validates against
 * the official HSDS 3.0 and ORUK 3.0 schemas, for every published demo
 * activity; paging and filters answer what they say; bad parameters are a
 * 400 naming the parameter.
 */
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities, organisations } from "../../db/schema";
import { loadDemoDataIfEmpty } from "~/modules/demo/index.server";
import * as root from "~/routes/api.hsds._index/route";
import * as services from "~/routes/api.hsds.services._index/route";
import * as service from "~/routes/api.hsds.services.$id/route";
import * as orgs from "~/routes/api.hsds.organizations._index/route";
import * as org from "~/routes/api.hsds.organizations.$id/route";
import * as taxonomies from "~/routes/api.hsds.taxonomies._index/route";
import * as taxonomy from "~/routes/api.hsds.taxonomies.$id/route";
import * as terms from "~/routes/api.hsds.taxonomy_terms._index/route";
import * as term from "~/routes/api.hsds.taxonomy_terms.$id/route";
import * as sals from "~/routes/api.hsds.service_at_locations._index/route";
import * as sal from "~/routes/api.hsds.service_at_locations.$id/route";
import * as unknown from "~/routes/api.hsds.$/route";
import { callRoute } from "../setup/routes";
import { apiDetailsErrors, pageErrors, schemaErrors, type Entity } from "../factories/open-referral";

type Loader = Parameters<typeof callRoute>[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(loader: Loader, path: string, params: Record<string, string> = {}): Promise<{ status: number; data: any; body: string; headers: Headers }> {
  const res = await callRoute(loader, new Request(`http://localhost:3000${path}`), params);
  return { status: res.status, data: res.body, body: JSON.stringify(res.body), headers: res.headers };
}

async function allPages(loader: Loader, path: string, entity: Entity) {
  const items: { id: string; [k: string]: unknown }[] = [];
  for (let page = 1; ; page++) {
    const res = await get(loader, `${path}${path.includes("?") ? "&" : "?"}per_page=100&page=${page}`);
    expect(res.status).toBe(200);
    expect(pageErrors(entity, res.data)).toEqual([]);
    items.push(...res.data.contents);
    if (res.data.last_page) return { items, total: res.data.total_items as number };
  }
}

let published: { id: string; title: string; category: string; organisationId: string; onlineUrl: string | null; lat: number | null; lng: number | null }[];

beforeAll(async () => {
  await loadDemoDataIfEmpty();
  const db = await getDb();
  published = await db
    .select({ id: activities.id, title: activities.title, category: activities.category, organisationId: activities.organisationId, onlineUrl: activities.onlineUrl, lat: activities.lat, lng: activities.lng })
    .from(activities)
    .where(eq(activities.status, "published"));
  expect(published.length).toBeGreaterThan(100);
}, 240_000);

describe("HSDS 3.0 / ORUK 3.0 over every demo activity", () => {
  it("uses validators that refuse what the standards refuse", async () => {
    const [a] = published;
    const good = (await get(service.loader, `/api/hsds/services/${a.id}`, { id: a.id })).data;
    expect(schemaErrors("service", good)).toEqual([]);
    expect(schemaErrors("service", { ...good, name: undefined })).toHaveLength(2);
    expect(schemaErrors("service", { ...good, status: "open" })).toHaveLength(2);
    expect(schemaErrors("service", { ...good, organization: { id: "x", name: "y" } }).join()).toMatch(/organization/);
    expect(pageErrors("service", { contents: [good] })).toContain("page: missing total_items");
  });

  it("answers / with version, profile and openapi_url, valid as ORUK api_details", async () => {
    const res = await get(root.loader, "/api/hsds/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.data).toEqual({ version: "3.0", profile: "https://openreferraluk.org/specifications/3.0", openapi_url: "http://localhost:3000/api/openapi.json" });
    expect(apiDetailsErrors(res.data)).toEqual([]);
  });

  it("lists every published activity as a valid service, page after page, and nothing else", async () => {
    const { items, total } = await allPages(services.loader, "/api/hsds/services", "service");
    expect(total).toBe(published.length);
    expect(new Set(items.map((s) => s.id))).toEqual(new Set(published.map((a) => a.id)));
  });

  it("gives each published activity in full, valid under both schemas, with no nulls and no joining links", async () => {
    for (const a of published) {
      const res = await get(service.loader, `/api/hsds/services/${a.id}`, { id: a.id });
      expect(res.status, a.title).toBe(200);
      expect(schemaErrors("service", res.data), a.title).toEqual([]);
      expect(res.body).not.toContain("null");
      if (a.onlineUrl) expect(res.body).not.toContain(a.onlineUrl);
      expect(res.data.name).toBe(a.title);
      expect(res.data.organization.id).toBe(a.organisationId);
      expect(res.data.attributes[0].taxonomy_term.code).toBe(a.category);
      expect(res.data.schedules.length, a.title).toBeGreaterThan(0);
      expect(res.data.cost_options.length).toBeGreaterThan(0);
    }
  }, 300_000);

  it("lists and gives organisations, taxonomies, terms and places, all valid", async () => {
    const o = await allPages(orgs.loader, "/api/hsds/organizations", "organization");
    expect(new Set(o.items.map((x) => x.id))).toEqual(new Set(published.map((a) => a.organisationId)));
    for (const { id } of o.items) {
      const res = await get(org.loader, `/api/hsds/organizations/${id}`, { id });
      expect(res.status).toBe(200);
      expect(schemaErrors("organization", res.data)).toEqual([]);
    }
    const t = await allPages(taxonomies.loader, "/api/hsds/taxonomies", "taxonomy");
    expect(t.items).toHaveLength(1);
    const one = await get(taxonomy.loader, `/api/hsds/taxonomies/${t.items[0].id}`, { id: t.items[0].id });
    expect(schemaErrors("taxonomy", one.data)).toEqual([]);

    const tt = await allPages(terms.loader, "/api/hsds/taxonomy_terms", "taxonomy_term");
    expect(tt.items.map((x) => x.code)).toContain("walking");
    for (const { id } of tt.items) {
      const res = await get(term.loader, `/api/hsds/taxonomy_terms/${id}`, { id });
      expect(schemaErrors("taxonomy_term", res.data)).toEqual([]);
    }

    const s = await allPages(sals.loader, "/api/hsds/service_at_locations", "service_at_location");
    expect(s.total).toBe(published.length);
    for (const { id } of s.items.slice(0, 50)) {
      const res = await get(sal.loader, `/api/hsds/service_at_locations/${id}`, { id });
      expect(schemaErrors("service_at_location", res.data)).toEqual([]);
    }
  }, 120_000);
});

describe("only what is published", () => {
  it("answers 404 JSON for a draft, an unknown id, a referrer organisation and an unknown path", async () => {
    const db = await getDb();
    const [draft] = await db.select({ id: activities.id }).from(activities).where(ne(activities.status, "published")).limit(1);
    const [referrer] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "referrer")).limit(1);
    const ids = [draft?.id ?? "00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000000", "not-a-uuid"];
    for (const id of ids) {
      const res = await get(service.loader, `/api/hsds/services/${id}`, { id });
      expect(res.status).toBe(404);
      expect(res.data.error).toMatch(/No service/);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
    expect((await get(org.loader, `/api/hsds/organizations/${referrer.id}`, { id: referrer.id })).status).toBe(404);
    const other = await get(unknown.loader, "/api/hsds/programs");
    expect(other.status).toBe(404);
    expect(other.data.error).toBeTruthy();
  });

  it("refuses writes with 405", async () => {
    const res = await callRoute(services.action as Loader, new Request("http://localhost:3000/api/hsds/services", { method: "POST" }));
    expect(res.status).toBe(405);
  });
});

describe("paging and filters", () => {
  it("pages with the standard header", async () => {
    const first = await get(services.loader, "/api/hsds/services?per_page=7");
    expect(first.data).toMatchObject({ page_number: 1, size: 7, first_page: true, last_page: false, empty: false, total_items: published.length, total_pages: Math.ceil(published.length / 7) });
    const last = await get(services.loader, `/api/hsds/services?per_page=7&page=${first.data.total_pages}`);
    expect(last.data).toMatchObject({ first_page: false, last_page: true, size: published.length - 7 * (first.data.total_pages - 1) });
    const beyond = await get(services.loader, `/api/hsds/services?per_page=7&page=${first.data.total_pages + 1}`);
    expect(beyond.status).toBe(200);
    expect(beyond.data).toMatchObject({ empty: true, size: 0, contents: [] });
    const second = await get(services.loader, "/api/hsds/services?per_page=7&page=2");
    expect(second.data.contents.map((s: { id: string }) => s.id)).not.toContain(first.data.contents[0].id);
  });

  it("filters by words, taxonomy term, organisation, modified_after and distance, combined with AND", async () => {
    const walking = await get(terms.loader, "/api/hsds/taxonomy_terms?text=walking");
    const termId = walking.data.contents.find((t: { code: string }) => t.code === "walking").id;
    const byTerm = await allPages(services.loader, `/api/hsds/services?taxonomy_term_id=${termId}`, "service");
    expect(byTerm.total).toBe(published.filter((a) => a.category === "walking").length);
    expect(byTerm.total).toBeGreaterThan(0);

    const byText = await get(services.loader, "/api/hsds/services?text=choir&per_page=100");
    expect(byText.data.total_items).toBeGreaterThan(0);
    for (const s of byText.data.contents) expect(JSON.stringify(s).toLowerCase()).toMatch(/choir/);
    const bySearch = await get(services.loader, "/api/hsds/services?search=choir&per_page=100");
    expect(bySearch.data.total_items).toBe(byText.data.total_items);

    // Leeds city centre, 5 km: only activities within 5 km of it.
    const near = await allPages(services.loader, "/api/hsds/services?lat=53.7997&lng=-1.5492&radius_km=5", "service");
    const within = (a: { lat: number | null; lng: number | null }) => a.lat != null && a.lng != null && haversineKm(53.7997, -1.5492, a.lat, a.lng) <= 5;
    expect(near.total).toBe(published.filter(within).length);
    expect(near.total).toBeGreaterThan(0);

    const both = await allPages(services.loader, `/api/hsds/services?lat=53.7997&lng=-1.5492&radius_km=5&taxonomy_term_id=${termId}`, "service");
    expect(both.total).toBe(published.filter((a) => within(a) && a.category === "walking").length);
    expect(both.total).toBeLessThan(near.total);

    const orgId = published[0].organisationId;
    const byOrg = await allPages(services.loader, `/api/hsds/services?organization_id=${orgId}`, "service");
    expect(byOrg.total).toBe(published.filter((a) => a.organisationId === orgId).length);

    const db = await getDb();
    const target = published[3];
    const later = new Date(Date.now() + 60_000);
    await db.update(activities).set({ updatedAt: new Date(later.getTime() + 1000) }).where(and(eq(activities.id, target.id)));
    const changed = await get(services.loader, `/api/hsds/services?modified_after=${encodeURIComponent(later.toISOString())}`);
    expect(changed.data.contents.map((s: { id: string }) => s.id)).toEqual([target.id]);
  });

  it("answers 400 JSON naming the parameter for values out of range", async () => {
    const cases: [string, string][] = [
      ["per_page=101", "per_page"],
      ["per_page=0", "per_page"],
      ["page=0", "page"],
      ["page=two", "page"],
      ["lat=91&lng=0", "lat"],
      ["lat=53.8", "lng"],
      ["radius_km=5", "radius_km"],
      ["lat=53.8&lng=-1.5&radius_km=500", "radius_km"],
      ["taxonomy_term_id=walking", "taxonomy_term_id"],
      ["modified_after=yesterday", "modified_after"],
      ["per_page=10&per_page=20", "per_page"],
    ];
    for (const [query, field] of cases) {
      const res = await get(services.loader, `/api/hsds/services?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.data.field, query).toBe(field);
      expect(res.data.error, query).toBeTruthy();
    }
    expect((await get(sals.loader, "/api/hsds/service_at_locations?per_page=1000")).status).toBe(400);
    expect((await get(orgs.loader, "/api/hsds/organizations?page=-1")).status).toBe(400);
  });
});

function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = 6371.0088;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(lat2 - lat1);
  const dLng = toRad(lng2 - lng1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}
