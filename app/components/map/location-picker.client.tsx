import L from "leaflet";
// Imported here, not in a route's `links`, so the stylesheet loads with the map code, only when a map is shown.
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo, useRef } from "react";
import { MapContainer, Marker, TileLayer, useMap, useMapEvents } from "react-leaflet";
import type { MapConfig } from "./map-config";

L.Icon.Default.mergeOptions({
  iconUrl: "/leaflet/marker-icon.png",
  iconRetinaUrl: "/leaflet/marker-icon-2x.png",
  shadowUrl: "/leaflet/marker-shadow.png",
});

/** Roughly the middle of Great Britain, for a map with no point yet. */
const overview = { lat: 54.0, lng: -2.5, zoom: 5 };

export interface LatLng {
  lat: number;
  lng: number;
}

function FollowPoint({ point, focusKey }: { point: LatLng | null; focusKey: number }) {
  const map = useMap();
  useEffect(() => {
    if (point) map.setView([point.lat, point.lng], Math.max(map.getZoom(), 15));
    // Only when the point is set from outside (Find on map, typed numbers), not on every drag.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  return null;
}

function ClickToPlace({ onMove }: { onMove: (p: LatLng) => void }) {
  useMapEvents({ click: (e) => onMove({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

/** The editor's map: drag the pin (or tap the map) to set the meeting point. */
export default function LocationPickerMap({
  point,
  focusKey,
  onMove,
  config,
}: {
  point: LatLng | null;
  /** Changes whenever the map should re-centre on `point`. */
  focusKey: number;
  onMove: (p: LatLng) => void;
  config: MapConfig;
}) {
  const markerRef = useRef<L.Marker | null>(null);
  const handlers = useMemo(
    () => ({
      dragend() {
        const ll = markerRef.current?.getLatLng();
        if (ll) onMove({ lat: ll.lat, lng: ll.lng });
      },
    }),
    [onMove],
  );
  const center: [number, number] = point ? [point.lat, point.lng] : [overview.lat, overview.lng];
  return (
    <MapContainer center={center} zoom={point ? 15 : overview.zoom} scrollWheelZoom={false} className="map location-picker-map">
      <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />
      <FollowPoint point={point} focusKey={focusKey} />
      <ClickToPlace onMove={onMove} />
      {point && (
        <Marker
          position={[point.lat, point.lng]}
          draggable
          autoPan
          eventHandlers={handlers}
          ref={markerRef}
          title="Meeting point: drag to move"
          alt="Meeting point: drag to move"
        />
      )}
    </MapContainer>
  );
}
