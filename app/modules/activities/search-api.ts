/**
 * The public JSON shape of GET /api/search. Field names are part of the API:
 * change them only with a new version.
 */
import type { SearchFacets, SearchHit } from "#search/types";
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

export interface ApiSearchResponse {
  total: number;
  page: number;
  per_page: number;
  results: ApiSearchResult[];
  facets: SearchFacets;
}

export function toApiResponse(
  page: { total: number; page: number; perPage: number; hits: SearchHit[]; facets: SearchFacets; hasLocation: boolean },
  baseUrl: string,
): ApiSearchResponse {
  return {
    total: page.total,
    page: page.page,
    per_page: page.perPage,
    results: page.hits.map((h) => ({
      id: h.id,
      title: h.title,
      organisation: h.organisation,
      category: h.category,
      lat: h.lat,
      lng: h.lng,
      ...(page.hasLocation ? { distance_km: h.distanceKm == null ? null : Math.round(h.distanceKm * 100) / 100 } : {}),
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
