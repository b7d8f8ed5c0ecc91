import { describe, expect, it } from "vitest";
import { toActivityDocument, type ActivityDocumentRow } from "./documents";
import { createMeiliSearchIndex, dayFacetsFrom, hitFromDocument, meiliFilter, meiliSearches, meiliSort } from "./meilisearch";
import { slotBit, unfilteredQuery, type SearchQuery } from "./types";

const now = new Date("2026-11-23T09:00:00Z");
const query = (over: Partial<SearchQuery> = {}): SearchQuery => unfilteredQuery(now, { sort: "relevance", ...over });
const leeds = { lat: 53.8, lng: -1.55, radiusKm: 5 };

const row: ActivityDocumentRow = {
  id: "7d9f0d2c-0000-4000-8000-000000000001",
  title: "Walking for Health",
  summary: "Gentle walks",
  description: "Meet at the gate",
  tags: ["walk"],
  organisation: "Leeds Walks",
  category: "walking",
  category_name: "Walking groups",
  town: "Leeds",
  lat: 53.81,
  lng: -1.56,
  online: false,
  cost_type: "free",
  cost_pence: null,
  accessibility: ["step_free"],
  self_referral: true,
  drop_in: false,
  timezone: "Europe/London",
  session_slots: slotBit("mon", "morning") | slotBit("thu", "evening"),
  next_session_at: "2026-11-24T10:00:00Z",
  next_session_ends_at: "2026-11-24T11:30:00Z",
  next_session_spaces: 4,
  next_open_session_at: "2026-11-24T10:00:00Z",
};

describe("Meilisearch documents", () => {
  it("carry what filters, sorts and results need", () => {
    const doc = toActivityDocument(row);
    expect(doc).toMatchObject({
      id: row.id,
      _geo: { lat: 53.81, lng: -1.56 },
      free: true,
      days: ["mon", "thu"],
      slots: ["mon_morning", "thu_evening"],
      next_session_at: Date.parse("2026-11-24T10:00:00Z"),
      next_session_spaces: 4,
    });
  });

  it("leave out _geo for an activity without a place", () => {
    const doc = toActivityDocument({ ...row, lat: null, lng: null, online: true });
    expect(doc).not.toHaveProperty("_geo");
    expect(doc.lat).toBeNull();
  });

  it("become results with a haversine distance and a next session only if it is ahead", () => {
    const doc = toActivityDocument(row);
    const hit = hitFromDocument(doc, query({ location: leeds }));
    expect(hit.distanceKm).toBeGreaterThan(1);
    expect(hit.nextSession?.spacesLeft).toBe(4);
    expect(hitFromDocument(doc, query({ now: new Date("2026-12-01T00:00:00Z") })).nextSession).toBeNull();
  });
});

describe("Meilisearch queries", () => {
  it("filter by radius, online mode and every filter", () => {
    expect(meiliFilter(query({ location: leeds }))).toEqual(["_geoRadius(53.8, -1.55, 5000)"]);
    expect(meiliFilter(query({ location: leeds, online: "exclude" }))).toEqual(["_geoRadius(53.8, -1.55, 5000)", "online = false"]);
    expect(meiliFilter(query({ location: leeds, online: "only" }))).toEqual(["online = true"]);
    const all = meiliFilter(
      query({ free: true, accessibility: ["step_free", "bsl"], join: ["drop_in"], hasSpace: true, categories: ["walking", "music"], days: ["mon"], time: "morning" }),
    );
    expect(all).toEqual([
      "free = true",
      'accessibility = "step_free"',
      'accessibility = "bsl"',
      "drop_in = true",
      `next_open_session_at >= ${now.getTime()}`,
      `next_open_session_at < ${now.getTime() + 14 * 86400_000}`,
      'category IN ["walking", "music"]',
      'slots IN ["mon_morning"]',
    ]);
  });

  it("leave out a facet's own filter when counting it", () => {
    const q = query({ categories: ["walking"], days: ["mon"], time: "evening" });
    expect(meiliFilter(q, "category")).toEqual(['slots IN ["mon_evening"]']);
    expect(meiliFilter(q, "day")).toEqual(['category IN ["walking"]', expect.stringContaining('"tue_evening"')]);
    const searches = meiliSearches(q);
    expect(searches.days.facets).toEqual(["slots"]);
    expect(dayFacetsFrom(q, { slots: { mon_evening: 3, tue_evening: 1 } })).toMatchObject({ mon: 3, tue: 1, wed: 0 });
    expect(dayFacetsFrom(query(), { days: { sat: 2 } })).toMatchObject({ sat: 2, mon: 0 });
  });

  it("sort nearest first by _geoPoint, soonest by next session, ties by id", () => {
    expect(meiliSort(query({ sort: "distance", location: leeds }))).toEqual(["_geoPoint(53.8, -1.55):asc", "id:asc"]);
    expect(meiliSort(query({ sort: "soonest" }))).toEqual(["next_session_at:asc", "id:asc"]);
    expect(meiliSort(query())).toBeUndefined();
    expect(meiliSearches(query({ offset: 40, limit: 20 })).page).toMatchObject({ page: 3, hitsPerPage: 20 });
  });
});

// A contract test against a real server: none can be installed on our
// machines, so it runs only where MEILI_URL points at one.
const meiliUrl = process.env.MEILI_URL;
describe.skipIf(!meiliUrl)("Meilisearch server (MEILI_URL is set)", () => {
  it("indexes, filters, sorts by distance and counts facets", async () => {
    const index = createMeiliSearchIndex({ url: meiliUrl!, key: process.env.MEILI_KEY, index: `linkway_contract_${Date.now()}` });
    const near = toActivityDocument(row);
    const far = toActivityDocument({ ...row, id: "7d9f0d2c-0000-4000-8000-000000000002", title: "Yoga in Bristol", lat: 51.45, lng: -2.59, category: "exercise" });
    const written = await index.rebuild((async function* () {
      yield [near, far];
    })());
    expect(written).toBe(2);
    const found = await index.search(query({ location: leeds, sort: "distance" }));
    expect(found.hits.map((h) => h.id)).toEqual([near.id]);
    expect(found.facets.category).toEqual({ walking: 1 });
    const typo = await index.search(query({ text: "walkng" }));
    expect(typo.hits.map((h) => h.id)).toContain(near.id);
    await index.delete([near.id, far.id]);
  });
});

if (!meiliUrl) {
  describe("Meilisearch server", () => {
    it.skip("contract tests skipped: set MEILI_URL (and MEILI_KEY) to run them against a Meilisearch server", () => {});
  });
}
