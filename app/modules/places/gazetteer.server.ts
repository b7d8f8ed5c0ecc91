import { createGeocoderProvider } from "./geocoder-provider.server";
import { offlineProvider } from "./offline-provider.server";
import type { Place, PlaceProvider } from "./place";
import { parsePlaceQuery, type PlaceQuery } from "./place-query";
import { postcodeDbProvider } from "./postcode-db-provider.server";
import { createPostcodeTableProvider } from "./postcode-table-provider.server";

export type { Place, PlaceKind, PlaceProvider } from "./place";
export { isUkPostcode, normalisePostcode } from "./place-query";

const defaultSuggestionLimit = 8;

let configured: { key: string; providers: PlaceProvider[] } | undefined;

/**
 * Settings are read at call time, not import time, so tests can switch
 * sources. GEOCODER_URL comes from process.env rather than env() because
 * env() is cached for the process. Providers are rebuilt only when a setting
 * changes, so a postcode table is still read once.
 */
function providers(): PlaceProvider[] {
  const postcodesFile = process.env.POSTCODES_FILE || undefined;
  const geocoderUrl = process.env.GEOCODER_URL || undefined;
  const key = JSON.stringify([postcodesFile, geocoderUrl]);
  if (configured?.key !== key) {
    const list: PlaceProvider[] = [];
    if (postcodesFile) list.push(createPostcodeTableProvider(postcodesFile));
    // Before any geocoder: an imported national file answers full postcodes without a network call.
    list.push(postcodeDbProvider);
    if (geocoderUrl) list.push(createGeocoderProvider(geocoderUrl));
    list.push(offlineProvider);
    configured = { key, providers: list };
  }
  return configured.providers;
}

const answeringKind: Record<PlaceQuery["kind"], Place["kind"]> = {
  postcode: "postcode",
  outcode: "outcode",
  name: "town",
};

/**
 * Providers are asked in order and the first that answers the query itself
 * (a postcode for a postcode, …) wins. A stand-in answer such as an outcode
 * centroid for an unknown postcode is kept while later providers get their
 * chance, and the most precise stand-in is returned if none does better.
 */
export async function resolvePlace(query: string): Promise<Place | null> {
  const parsed = parsePlaceQuery(query);
  if (!parsed) return null;
  let best: Place | null = null;
  for (const provider of providers()) {
    const place = await provider.resolve(query);
    if (!place) continue;
    if (place.kind === answeringKind[parsed.kind]) return place;
    if (!best || place.precision_km < best.precision_km) best = place;
  }
  return best;
}

/** Places for an autocomplete list: towns starting with the prefix, biggest first. */
export async function suggestPlaces(prefix: string, limit = defaultSuggestionLimit): Promise<Place[]> {
  const seen = new Set<string>();
  const places: Place[] = [];
  for (const provider of providers()) {
    if (!provider.suggest || places.length >= limit) continue;
    for (const place of await provider.suggest(prefix, limit - places.length)) {
      if (seen.has(place.label)) continue;
      seen.add(place.label);
      places.push(place);
    }
  }
  return places;
}

export function resetGazetteerForTests(): void {
  configured = undefined;
}
