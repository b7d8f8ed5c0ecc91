import { lazy, Suspense } from "react";
import type { SearchHit } from "#search/types";
import { ClientOnly } from "~/components/map/client-only";
import { useMapConfig } from "~/components/map/map-config";
import type { DistanceOrigin } from "~/modules/places";

const SearchMapClient = lazy(() => import("./search-map.client"));

export interface SearchMapProps {
  hits: SearchHit[];
  /** origin and approximate: what the popups' distances are measured from (see formatDistance). */
  place: { label: string; lat: number; lng: number; origin?: DistanceOrigin; approximate?: boolean } | null;
  radiusKm: number | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /**
   * Whether to load the map at all. On a phone it is a second view: Leaflet's
   * code and the map tiles (a few hundred kB on a metered connection) wait
   * until someone asks for the map.
   */
  load: boolean;
}

/**
 * The results on a map, beside the list. It adds nothing the list lacks, so
 * without JavaScript (or without map tiles) the list is the whole page, and
 * the map says so instead of showing an empty box.
 */
export function SearchMap({ load, ...props }: SearchMapProps) {
  const config = useMapConfig();
  const mapped = props.hits.filter((h) => h.lat != null && h.lng != null).length;
  const fallback = (
    <div className="map map-fallback search-map-canvas">
      <p>The map needs JavaScript. Every result is in the list.</p>
    </div>
  );
  return (
    <section className="results-map" aria-labelledby="map-heading">
      <h2 id="map-heading" className="visually-hidden">
        Map of these results
      </h2>
      <p className="hint map-caption">
        {mapped === props.hits.length
          ? `The ${mapped} results on this page.`
          : `${mapped} of the ${props.hits.length} results on this page have a place; the others are online.`}
      </p>
      {load ? (
        <ClientOnly fallback={fallback}>
          {() => (
            <Suspense fallback={fallback}>
              <SearchMapClient {...props} config={config} />
            </Suspense>
          )}
        </ClientOnly>
      ) : (
        fallback
      )}
    </section>
  );
}
