import L from "leaflet";
// Imported here, not in a route's `links`, so the stylesheet loads with the map code, only when a map is shown.
import "leaflet/dist/leaflet.css";
import { MapContainer, Marker, Popup, TileLayer } from "react-leaflet";
import type { MapConfig } from "./map-config";

// Bundlers break Leaflet's own image path guessing; the images are served from /leaflet.
L.Icon.Default.mergeOptions({
  iconUrl: "/leaflet/marker-icon.png",
  iconRetinaUrl: "/leaflet/marker-icon-2x.png",
  shadowUrl: "/leaflet/marker-shadow.png",
});

export default function PlaceMap({
  lat,
  lng,
  label,
  config,
}: {
  lat: number;
  lng: number;
  label: string;
  config: MapConfig;
}) {
  return (
    <MapContainer center={[lat, lng]} zoom={15} scrollWheelZoom={false} className="map" attributionControl>
      <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />
      <Marker position={[lat, lng]} title={label} alt={label}>
        <Popup>{label}</Popup>
      </Marker>
    </MapContainer>
  );
}
