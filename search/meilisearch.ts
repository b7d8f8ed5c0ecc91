/**
 * Meilisearch backend (when MEILI_URL is set), with the official client.
 * Documents are built from activities and their sessions (search/documents.ts)
 * and kept in sync through the outbox; this file holds the index settings and
 * the translation of a query into Meilisearch filters, sorts and facets.
 *
 * Facets follow the Postgres backend's semantics: the category counts leave
 * out the category filter and the day counts the day filter, so three
 * searches go in one multi-search request.
 */
import { Meilisearch, type Index, type SearchParams, type Settings } from "meilisearch";
import {
  days,
  emptyDayFacets,
  partsOfDay,
  slotBit,
  slotMask,
  type ActivityDocument,
  type SearchFacets,
  type SearchHit,
  type SearchIndex,
  type SearchOutcome,
  type SearchQuery,
} from "./types";
import { haversineKm } from "./geo";

export const meiliSettings: Settings = {
  searchableAttributes: ["title", "tags", "summary", "organisation", "description", "category_name"],
  filterableAttributes: [
    "_geo",
    "category",
    "days",
    "slots",
    "free",
    "accessibility",
    "online",
    "self_referral",
    "drop_in",
    "next_open_session_at",
  ],
  sortableAttributes: ["_geo", "next_session_at", "id"],
  // "sort" first: an explicit order (distance, soonest) wins; without one, relevance decides.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  typoTolerance: {
    enabled: true,
    // "yogga" (5 letters) and "walkng" (6) may each have one typo.
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
  },
  pagination: { maxTotalHits: 5000 },
  faceting: { maxValuesPerFacet: 100 },
};

const quote = (value: string) => `"${value.replace(/["\\]/g, "")}"`;

/** The slot names ("mon_morning") a day/time filter accepts. */
export function slotNames(mask: number): string[] {
  const names: string[] = [];
  for (const d of days) for (const p of partsOfDay) if (mask & slotBit(d, p)) names.push(`${d}_${p}`);
  return names;
}

/** Meilisearch filter clauses (ANDed) for a query; `except` leaves out one facet's own filter. */
export function meiliFilter(query: SearchQuery, except?: "category" | "day"): string[] {
  const clauses: string[] = [];
  const loc = query.location;
  // As in the Postgres backend: with a place, results have a venue inside the
  // radius, except "online only", which is online activities anywhere.
  if (query.online === "only") clauses.push("online = true");
  else {
    if (loc) clauses.push(`_geoRadius(${loc.lat}, ${loc.lng}, ${Math.round(loc.radiusKm * 1000)})`);
    if (query.online === "exclude") clauses.push("online = false");
  }
  if (query.free) clauses.push("free = true");
  for (const key of query.accessibility) clauses.push(`accessibility = ${quote(key)}`);
  if (query.join.includes("self_referral")) clauses.push("self_referral = true");
  if (query.join.includes("drop_in")) clauses.push("drop_in = true");
  if (query.hasSpace) {
    const from = query.now.getTime();
    const until = from + query.hasSpaceWithinDays * 86400_000;
    clauses.push(`next_open_session_at >= ${from}`, `next_open_session_at < ${until}`);
  }
  if (except !== "category" && query.categories.length) {
    clauses.push(`category IN [${query.categories.map(quote).join(", ")}]`);
  }
  if (except === "day") {
    // The day facet still respects the time of day.
    if (query.time) clauses.push(`slots IN [${slotNames(slotMask([], query.time)).map(quote).join(", ")}]`);
  } else {
    const mask = slotMask(query.days, query.time);
    if (mask) clauses.push(`slots IN [${slotNames(mask).map(quote).join(", ")}]`);
  }
  return clauses;
}

export function meiliSort(query: SearchQuery): string[] | undefined {
  if (query.sort === "distance" && query.location) {
    return [`_geoPoint(${query.location.lat}, ${query.location.lng}):asc`, "id:asc"];
  }
  if (query.sort === "soonest") return ["next_session_at:asc", "id:asc"];
  return undefined; // relevance: Meilisearch's ranking rules
}

/** The three searches of one query: the page, the category facet, the day facet. */
export function meiliSearches(query: SearchQuery): { page: SearchParams; categories: SearchParams; days: SearchParams } {
  const perPage = Math.max(query.limit, 1);
  return {
    page: {
      q: query.text ?? "",
      filter: meiliFilter(query),
      sort: meiliSort(query),
      hitsPerPage: query.limit,
      page: Math.floor(query.offset / perPage) + 1,
    },
    categories: { q: query.text ?? "", filter: meiliFilter(query, "category"), facets: ["category"], hitsPerPage: 0 },
    days: {
      q: query.text ?? "",
      filter: meiliFilter(query, "day"),
      facets: [query.time ? "slots" : "days"],
      hitsPerPage: 0,
    },
  };
}

export function dayFacetsFrom(query: SearchQuery, distribution: Record<string, Record<string, number>> | undefined): SearchFacets["day"] {
  const out = emptyDayFacets();
  for (const d of days) {
    out[d] = query.time ? (distribution?.slots?.[`${d}_${query.time}`] ?? 0) : (distribution?.days?.[d] ?? 0);
  }
  return out;
}

export function hitFromDocument(doc: ActivityDocument, query: SearchQuery): SearchHit {
  const loc = query.location;
  return {
    id: doc.id,
    title: doc.title,
    summary: doc.summary,
    organisation: doc.organisation,
    category: doc.category,
    lat: doc.lat,
    lng: doc.lng,
    town: doc.town,
    distanceKm: loc && doc.lat != null && doc.lng != null ? haversineKm(loc, { lat: doc.lat, lng: doc.lng }) : null,
    online: doc.online,
    costType: doc.cost_type,
    costPence: doc.cost_pence,
    accessibility: doc.accessibility,
    selfReferral: doc.self_referral,
    dropIn: doc.drop_in,
    timezone: doc.timezone,
    nextSession:
      doc.next_session_at != null && doc.next_session_at >= query.now.getTime()
        ? {
            startsAt: new Date(doc.next_session_at),
            endsAt: new Date(doc.next_session_ends_at ?? doc.next_session_at),
            spacesLeft: doc.next_session_spaces ?? 0,
          }
        : null,
    nextOpenSession: nextOpenSession(doc, query.now),
  };
}

/** The document keeps the next open session's time only; its places are known when it is also the next session. */
function nextOpenSession(doc: ActivityDocument, now: Date): SearchHit["nextOpenSession"] {
  if (doc.next_open_session_at == null || doc.next_open_session_at < now.getTime()) return null;
  const same = doc.next_session_at === doc.next_open_session_at;
  return { startsAt: new Date(doc.next_open_session_at), spacesLeft: same ? (doc.next_session_spaces ?? null) : null };
}

export interface MeiliOptions {
  url: string;
  key?: string;
  index: string;
}

export function createMeiliSearchIndex(options: MeiliOptions): SearchIndex {
  const client = new Meilisearch({ host: options.url, apiKey: options.key });
  const index = (): Index<ActivityDocument> => client.index<ActivityDocument>(options.index);
  const ensureIndex = async (uid: string) => {
    const task = await client.createIndex(uid, { primaryKey: "id" }).waitTask();
    if (task.status === "failed" && task.error?.code !== "index_already_exists") {
      throw new Error(`Meilisearch could not create index ${uid}: ${task.error?.message}`);
    }
    await client.index(uid).updateSettings(meiliSettings).waitTask();
  };
  return {
    name: "meilisearch",
    async search(query): Promise<SearchOutcome> {
      const searches = meiliSearches(query);
      const { results } = await client.multiSearch({
        queries: [
          { indexUid: options.index, ...searches.page },
          { indexUid: options.index, ...searches.categories },
          { indexUid: options.index, ...searches.days },
        ],
      });
      const [page, categories, dayFacets] = results;
      const total = "totalHits" in page ? (page.totalHits ?? 0) : (page.estimatedTotalHits ?? 0);
      return {
        total,
        hits: query.limit > 0 ? (page.hits as unknown as ActivityDocument[]).map((d) => hitFromDocument(d, query)) : [],
        facets: {
          category: categories.facetDistribution?.category ?? {},
          day: dayFacetsFrom(query, dayFacets.facetDistribution),
        },
        textMatch: query.text ? "exact" : "none",
      };
    },
    async upsert(documents) {
      if (documents.length) await index().addDocuments(documents, { primaryKey: "id" }).waitTask();
    },
    async delete(ids) {
      if (ids.length) await index().deleteDocuments(ids).waitTask();
    },
    async rebuild(batches) {
      // Build beside the live index, then swap them, so searches never see a half-built index.
      const building = `${options.index}_rebuild`;
      await client.deleteIndexIfExists(building);
      await ensureIndex(building);
      let written = 0;
      for await (const batch of batches) {
        if (batch.length) await client.index(building).addDocuments(batch, { primaryKey: "id" }).waitTask();
        written += batch.length;
      }
      await ensureIndex(options.index);
      await client.swapIndexes([{ indexes: [options.index, building], rename: false }]).waitTask();
      await client.deleteIndexIfExists(building);
      return written;
    },
  };
}
