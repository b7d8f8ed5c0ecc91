import { lazy, Suspense } from "react";
import { ClientOnly } from "./client-only";
import { useMapConfig } from "./map-config";

const PlaceMapClient = lazy(() => import("./place-map.client"));

/**
 * A small map of one place. Without JavaScript, or when tiles cannot load,
 * the address and a link to OpenStreetMap still tell people where to go.
 */
export function PlaceMap({ lat, lng, label }: { lat: number; lng: number; label: string }) {
  const config = useMapConfig();
  const osmLink = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
  const fallback = (
    <div className="map map-fallback">
      <p>Map of {label}.</p>
    </div>
  );
  return (
    <figure className="place-map" aria-label={`Map showing ${label}`}>
      <ClientOnly fallback={fallback}>
        {() => (
          <Suspense fallback={fallback}>
            <PlaceMapClient lat={lat} lng={lng} label={label} config={config} />
          </Suspense>
        )}
      </ClientOnly>
      <figcaption>
        <a href={osmLink} rel="noopener noreferrer">
          Open this place in OpenStreetMap
        </a>
      </figcaption>
    </figure>
  );
}
