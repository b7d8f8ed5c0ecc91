import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useMemo } from "react";
import { CircleMarker, LayerGroup, LayersControl, MapContainer, Popup, TileLayer, Tooltip } from "react-leaflet";
import type { MapConfig } from "~/components/map/map-config";
import type { GapMapProps } from "./gap-map";

/** A suppressed cell ("< 5") is drawn at the smallest size, so its size says no more than its label. */
const radiusFor = (value: number | null, max: number) => (value === null ? 6 : 6 + 18 * Math.sqrt(value / Math.max(max, 1)));

export default function GapMapClient({ points, supply, search, config }: GapMapProps & { config: MapConfig }) {
  const bounds = useMemo(() => {
    const all: [number, number][] = [...points.map((p) => [p.lat, p.lng] as [number, number]), ...supply.map((s) => [s.lat, s.lng] as [number, number])];
    return all.length ? L.latLngBounds(all).pad(0.05) : null;
  }, [points, supply]);
  const max = Math.max(0, ...points.map((p) => p.total.value ?? 0));
  return (
    <MapContainer
      bounds={bounds ?? undefined}
      center={bounds ? undefined : [54.5, -2.5]}
      zoom={bounds ? undefined : 6}
      scrollWheelZoom={false}
      className="map gap-map-canvas"
      attributionControl
    >
      <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />
      <LayersControl position="topright">
        <LayersControl.Overlay checked name="Activities listed now">
          <LayerGroup>
            {supply.map((s) => (
              <CircleMarker key={`${s.lat},${s.lng}`} center={[s.lat, s.lng]} radius={4} pathOptions={{ color: "#00594f", weight: 1, fillOpacity: 0.8 }}>
                <Tooltip>{s.activities === 1 ? "1 activity listed" : `${s.activities} activities listed`}</Tooltip>
              </CircleMarker>
            ))}
          </LayerGroup>
        </LayersControl.Overlay>
        <LayersControl.Overlay checked name="Unmet demand">
          <LayerGroup>
            {points.map((p) => (
              <CircleMarker key={`${p.cell}-${p.label}`} center={[p.lat, p.lng]} radius={radiusFor(p.total.value, max)} pathOptions={{ color: "#a94400", weight: 2, fillOpacity: 0.35 }}>
                <Popup>
                  <p>{p.summary}</p>
                  <a href={`/reports/gaps/${p.cell}${search}`}>The evidence for this place</a>
                </Popup>
              </CircleMarker>
            ))}
          </LayerGroup>
        </LayersControl.Overlay>
      </LayersControl>
    </MapContainer>
  );
}
