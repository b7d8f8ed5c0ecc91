import { lazy, Suspense } from "react";
import type { GapPoint, SupplyPoint } from "~/modules/reports";
import { ClientOnly } from "~/components/map/client-only";
import { useMapConfig } from "~/components/map/map-config";

const GapMapClient = lazy(() => import("./gap-map.client"));

export interface GapMapProps {
  points: GapPoint[];
  supply: SupplyPoint[];
  /** The period and filter, kept on each place's evidence link. */
  search: string;
}

/**
 * The unmet demand over what is listed, on a map. It adds nothing the list
 * lacks, so Leaflet loads only in the browser, after the page is complete;
 * without JavaScript the list above is the whole answer and the map says so.
 */
export function GapMapView(props: GapMapProps) {
  const config = useMapConfig();
  const fallback = (
    <div className="map map-fallback gap-map-canvas">
      <p>The map needs JavaScript. Every place on it is in the list above.</p>
    </div>
  );
  return (
    <section className="gap-map" aria-labelledby="gap-map-heading">
      <h2 id="gap-map-heading">Map of unmet demand</h2>
      <p className="hint" id="gap-map-key">
        Orange circles: unmet demand, larger where there was more (“&lt; 5” places are drawn smallest). Green dots: activities listed now. Each orange circle links to
        its evidence.
      </p>
      <ClientOnly fallback={fallback}>
        {() => (
          <Suspense fallback={fallback}>
            <GapMapClient {...props} config={config} />
          </Suspense>
        )}
      </ClientOnly>
    </section>
  );
}
