/**
 * The public JSON shape of GET /api/search. Field names are part of the API:
 * change them only with a new version.
 */
import type { SearchFacets, SearchHit } from "#search/types";
import type { DistanceOrigin, DistancePrecision } from "~/modules/places";
import { formatCost } from "./format";

export interface ApiSearchResult {
  id: string;
  title: string;
  organisation: string;
  category: string;
  lat: number | null;
  lng: number | null;
  /** Present whenever the search had a location; null for an activity without a place (online). */
  distance_km?: number | null;
  online: boolean;
  cost: { type: SearchHit["costType"]; pence: number | null; label: string };
  next_session: { starts_at: string; spaces_left: number } | null;
  /** The next session with a place (null when none is planned); spaces_left is null when only its time is known. */
  next_session_with_space: { starts_at: string; spaces_left: number | null } | null;
  url: string;
}

/** What every distance_km in a response is measured from: present whenever the search had a location. */
export interface ApiDistanceFrom {
  /** "postcode": the full postcode's own point; "district": a postcode district's centre ("LS6"); "place": a town's
   * or neighbourhood's centre; "location": the lat/lng given. */
  precision: DistancePrecision;
  /** In words, e.g. "LS6 1AA", "the centre of LS6", "the centre of Headingley". */
  description: string;
  /** Roughly how far out a distance may be, in km (null for a lat/lng given). */
  precision_km: number | null;
}

export interface ApiSearchResponse {
  total: number;
  page: number;
  per_page: number;
  distance_from?: ApiDistanceFrom;
  results: ApiSearchResult[];
  facets: SearchFacets;
}

export function toApiResponse(
  page: { total: number; page: number; perPage: number; hits: SearchHit[]; facets: SearchFacets; place: { origin: DistanceOrigin; precisionKm?: number } | null },
  baseUrl: string,
): ApiSearchResponse {
  const place = page.place;
  return {
    total: page.total,
    page: page.page,
    per_page: page.perPage,
    ...(place ? { distance_from: { precision: place.origin.precision, description: place.origin.from, precision_km: place.precisionKm ?? null } } : {}),
    results: page.hits.map((h) => ({
      id: h.id,
      title: h.title,
      organisation: h.organisation,
      category: h.category,
      lat: h.lat,
      lng: h.lng,
      ...(place ? { distance_km: h.distanceKm == null ? null : Math.round(h.distanceKm * 100) / 100 } : {}),
      online: h.online,
      cost: { type: h.costType, pence: h.costPence, label: formatCost(h.costType, h.costPence) },
      next_session: h.nextSession
        ? { starts_at: new Date(h.nextSession.startsAt).toISOString(), spaces_left: h.nextSession.spacesLeft }
        : null,
      next_session_with_space: h.nextOpenSession
        ? { starts_at: new Date(h.nextOpenSession.startsAt).toISOString(), spaces_left: h.nextOpenSession.spacesLeft }
        : null,
      url: `${baseUrl}/activities/${h.id}`,
    })),
    facets: page.facets,
  };
}
