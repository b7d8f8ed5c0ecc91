/**
 * What a search means: where "near" is, which sort applies, what an empty
 * result suggests instead, and what is logged. The backend (search/) only
 * answers a normalised query.
 */
import type { SearchHit, SearchIndex, SearchOutcome, SearchQuery } from "#search/types";
import { now } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { distanceOrigin, isInBounds, locationOrigin, resolvePlace, type DistanceOrigin, type Place } from "~/modules/places/index.server";
import {
  effectiveSort,
  hasSpaceWithinDays,
  joinLabels,
  radiusOptionsKm,
  timeLabels,
  type SearchParams,
} from "./search-query";
import { getSearchIndex } from "./search-index.server";
import { categoryOptionsCache, listCategoryOptions, type CategoryOption } from "./categories.server";
import { recordSearch } from "./search-log.server";
import { accessibilityFeatures } from "./vocabulary";

export interface SearchSuggestion {
  /** e.g. "12 within 10 km", "4 without “Free only”". */
  label: string;
  count: number;
  params: Partial<SearchParams>;
}

export interface SearchPlace {
  label: string;
  lat: number;
  lng: number;
  /** The place is only known roughly (a town or postcode area), so distances are approximate. */
  approximate: boolean;
  /** Distances are measured from the centre of this, not from what was typed (e.g. "Leeds" for "LS6 1AA"). */
  centre?: string;
  /** Roughly how far out a distance may be, in km. */
  precisionKm?: number;
  /** What every distance on the page is measured from, in words ("the centre of LS6"), and how precisely. */
  origin: DistanceOrigin;
}

export interface SearchResultsPage extends Omit<SearchOutcome, "hits"> {
  ok: true;
  params: SearchParams;
  place: SearchPlace | null;
  sort: SearchQuery["sort"];
  page: number;
  perPage: number;
  hits: SearchHit[];
  suggestions: SearchSuggestion[];
  categories: CategoryOption[];
}

export interface SearchProblem {
  ok: false;
  field: string;
  error: string;
  categories: CategoryOption[];
}

async function locate(params: SearchParams): Promise<{ place: SearchPlace | null } | { field: string; error: string }> {
  const bounds = env().GEO_BOUNDS;
  if (params.near) {
    const place: Place | null = await resolvePlace(params.near);
    if (!place || !isInBounds(place.lat, place.lng, bounds)) {
      return { field: "near", error: `We could not find “${params.near}”. Try a town name or a full postcode, such as LS6 3AB.` };
    }
    return {
      place: {
        label: place.label,
        lat: place.lat,
        lng: place.lng,
        approximate: place.precision_km > 1,
        centre: place.centre,
        precisionKm: place.precision_km,
        origin: distanceOrigin(place),
      },
    };
  }
  if (params.lat !== undefined && params.lng !== undefined) {
    if (!isInBounds(params.lat, params.lng, bounds)) {
      return { field: "lat", error: "That location is outside the area Linkway covers." };
    }
    return { place: { label: "your location", lat: params.lat, lng: params.lng, approximate: false, origin: locationOrigin } };
  }
  return { place: null };
}

function toQuery(params: SearchParams, place: SearchPlace | null, at: Date): SearchQuery {
  const perPage = params.per_page;
  return {
    text: params.q || undefined,
    location: place ? { lat: place.lat, lng: place.lng, radiusKm: params.radius_km } : undefined,
    categories: params.category,
    days: params.day,
    time: params.time,
    free: params.free,
    accessibility: params.accessibility,
    online: params.online,
    join: params.join,
    hasSpace: params.has_space,
    hasSpaceWithinDays,
    sort: effectiveSort(params, place !== null),
    limit: perPage,
    offset: (params.page - 1) * perPage,
    now: at,
  };
}

/** Counts for the same search without one restriction each, best first, so an empty page offers a way out. */
async function suggestAlternatives(index: SearchIndex, params: SearchParams, query: SearchQuery): Promise<SearchSuggestion[]> {
  const count = async (q: Partial<SearchQuery>) => (await index.search({ ...query, ...q, limit: 0, offset: 0 })).total;
  const out: SearchSuggestion[] = [];

  // Every count runs at once (each is one index-backed statement); the answer
  // waits for the slowest, not for the sum.
  const widerRadii = query.location ? radiusOptionsKm.filter((r) => r > query.location!.radiusKm) : [];
  const countWithin = (radiusKm: number) => count({ location: { ...query.location!, radiusKm } });
  // The widest circle first: when it finds nothing (the usual case for words
  // that match nothing), no narrower one can, and one statement settles it.
  const widerCounts = (async () => {
    if (widerRadii.length === 0) return [];
    const widest = await countWithin(widerRadii.at(-1)!);
    if (widest === 0) return widerRadii.map(() => 0);
    return [...(await Promise.all(widerRadii.slice(0, -1).map(countWithin))), widest];
  })();
  const without = (name: string) => `without “${name}”`;
  const tries: { label: string; query: Partial<SearchQuery>; params: Partial<SearchParams> }[] = [];
  if (params.q) tries.push({ label: without(params.q), query: { text: undefined }, params: { q: undefined } });
  if (params.free) tries.push({ label: without("Free only"), query: { free: false }, params: { free: false } });
  for (const key of params.accessibility) {
    const rest = params.accessibility.filter((k) => k !== key);
    tries.push({ label: without(accessibilityFeatures[key]), query: { accessibility: rest }, params: { accessibility: rest } });
  }
  if (params.category.length) tries.push({ label: "in any kind of activity", query: { categories: [] }, params: { category: [] } });
  if (params.day.length) tries.push({ label: "on any day", query: { days: [] }, params: { day: [] } });
  if (params.time) tries.push({ label: without(timeLabels[params.time]), query: { time: undefined }, params: { time: undefined } });
  for (const key of params.join) {
    const rest = params.join.filter((k) => k !== key);
    tries.push({ label: without(joinLabels[key]), query: { join: rest }, params: { join: rest } });
  }
  if (params.has_space) {
    tries.push({ label: without("Has a place in the next 2 weeks"), query: { hasSpace: false }, params: { has_space: false } });
  }
  if (params.online !== "include") {
    tries.push({ label: "in person and online", query: { online: "include" }, params: { online: "include" } });
  }
  const [wider, counts] = await Promise.all([widerCounts, Promise.all(tries.map((t) => count(t.query)))]);
  // The nearest wider circle that finds something.
  const nearest = wider.findIndex((n) => n > 0);
  if (nearest >= 0) {
    const radius = widerRadii[nearest];
    out.push({ label: `${wider[nearest]} within ${radius} km`, count: wider[nearest], params: { radius_km: radius, page: 1 } });
  }
  tries.forEach((t, i) => {
    const n = counts[i];
    if (n > 0) out.push({ label: `${n} ${t.label}`, count: n, params: { ...t.params, page: 1 } });
  });
  return out;
}

/**
 * Runs a search from validated parameters. An unknown place or category is a
 * problem with a field name (the page shows it next to the field, the API
 * answers 400), never an error.
 */
export async function searchActivities(
  params: SearchParams,
  options: { log?: boolean } = {},
): Promise<SearchResultsPage | SearchProblem> {
  let categories = await listCategoryOptions();
  const isUnknown = (list: CategoryOption[]) => params.category.find((c) => !list.some((k) => k.slug === c));
  let unknown = isUnknown(categories);
  if (unknown) {
    // Perhaps added a moment ago in another process: look again before refusing.
    categoryOptionsCache.invalidate();
    categories = await listCategoryOptions();
    unknown = isUnknown(categories);
  }
  if (unknown) return { ok: false, field: "category", error: `“${unknown}” is not a kind of activity we list.`, categories };

  const located = await locate(params);
  if ("field" in located) return { ok: false, ...located, categories };
  const { place } = located;

  const index = getSearchIndex();
  const at = now();
  const query = toQuery(params, place, at);
  const outcome = await index.search(query);
  const suggestions = outcome.total === 0 ? await suggestAlternatives(index, params, query) : [];

  // Each search is counted once, on its first page; later pages are the same search.
  // Queued, not awaited: the answer does not wait for its log row.
  if (options.log !== false && params.page === 1) {
    recordSearch({ query: params.q, categories: params.category, location: place, resultCount: outcome.total, at });
  }
  return {
    ok: true,
    params,
    place,
    sort: query.sort,
    page: params.page,
    perPage: params.per_page,
    categories,
    suggestions,
    ...outcome,
  };
}

