import L from "leaflet";
// Imported here, not in a route's `links`, so the stylesheet loads with the map code, only when a map is shown.
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo, useState } from "react";
import { Circle, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";
import Supercluster from "supercluster";
import type { MapConfig } from "~/components/map/map-config";
import { formatDistance } from "./search-result-item";
import type { SearchMapProps } from "./search-map";

type PointProps = { id: string; title: string; distance: string | null };

const pinIcon = (selected: boolean) =>
  L.divIcon({
    className: `search-pin${selected ? " is-selected" : ""}`,
    html: "<span></span>",
    iconSize: selected ? [30, 30] : [24, 24],
    iconAnchor: selected ? [15, 30] : [12, 24],
    popupAnchor: [0, -26],
  });

const maxClusterZoom = 17;

const clusterIcon = (count: number) =>
  L.divIcon({
    className: "search-cluster",
    html: `<span>${count}</span>`,
    iconSize: [40, 40],
    iconAnchor: [20, 20],
  });

/** Fits the map to the results when they change, and pans to a result picked in the list. */
function Viewport({ bounds, selected }: { bounds: L.LatLngBounds | null; selected: [number, number] | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 15 });
  }, [map, bounds]);
  // On small screens the map starts hidden (the "List" view); Leaflet must
  // measure again, and fit the results, once it is shown.
  useEffect(() => {
    const container = map.getContainer();
    let last = container.clientWidth * container.clientHeight;
    const observer = new ResizeObserver(() => {
      const size = container.clientWidth * container.clientHeight;
      if (size === last) return;
      const wasHidden = last === 0;
      last = size;
      map.invalidateSize();
      if (wasHidden && bounds?.isValid()) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 15 });
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [map, bounds]);
  useEffect(() => {
    if (selected) map.setView(selected, Math.max(map.getZoom(), 14));
  }, [map, selected]);
  return null;
}

function Clusters({
  index,
  selectedId,
  onSelect,
}: {
  index: Supercluster<PointProps>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const map = useMap();
  const read = () => {
    const b = map.getBounds();
    return index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()));
  };
  const [features, setFeatures] = useState(read);
  useMapEvents({ moveend: () => setFeatures(read()), zoomend: () => setFeatures(read()) });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setFeatures(read()), [index]);

  return (
    <>
      {features.map((f) => {
        const [lng, lat] = f.geometry.coordinates;
        const props = f.properties as PointProps & { cluster?: boolean; cluster_id?: number; point_count?: number };
        if (props.cluster) {
          const count = props.point_count ?? 0;
          // Activities at one venue never separate by zooming: list them instead.
          const together = index.getClusterExpansionZoom(props.cluster_id!) > maxClusterZoom;
          const label = together ? `${count} activities at this place` : `${count} activities here: zoom in`;
          return (
            <Marker
              key={`c${props.cluster_id}`}
              position={[lat, lng]}
              icon={clusterIcon(count)}
              title={label}
              alt={label}
              eventHandlers={
                together
                  ? {}
                  : { click: () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 18)) }
              }
            >
              {together && (
                <Popup>
                  <ul className="cluster-list">
                    {index.getLeaves(props.cluster_id!, 20).map((leaf) => (
                      <li key={leaf.properties.id}>
                        <a href={`/activities/${leaf.properties.id}`} onClick={() => onSelect(leaf.properties.id)}>
                          {leaf.properties.title}
                        </a>
                      </li>
                    ))}
                  </ul>
                </Popup>
              )}
            </Marker>
          );
        }
        const selected = props.id === selectedId;
        return (
          <Marker
            key={props.id}
            position={[lat, lng]}
            icon={pinIcon(selected)}
            title={props.title}
            alt={props.title}
            zIndexOffset={selected ? 1000 : 0}
            eventHandlers={{ click: () => onSelect(props.id) }}
          >
            <Popup>
              <a href={`/activities/${props.id}`}>{props.title}</a>
              {props.distance != null && <div>{props.distance}</div>}
              <div>
                <a href={`#result-${props.id}`}>Show in the list</a>
              </div>
            </Popup>
          </Marker>
        );
      })}
    </>
  );
}

export default function SearchMapClient({ hits, place, radiusKm, selectedId, onSelect, config }: Omit<SearchMapProps, "load"> & { config: MapConfig }) {
  const points = useMemo(
    () =>
      hits
        .filter((h) => h.lat != null && h.lng != null)
        .map((h) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [h.lng!, h.lat!] },
          properties: { id: h.id, title: h.title, distance: h.distanceKm == null ? null : formatDistance(h.distanceKm, place?.origin, place?.approximate) },
        })),
    [hits, place],
  );
  const index = useMemo(() => {
    const sc = new Supercluster<PointProps>({ radius: 50, maxZoom: maxClusterZoom });
    sc.load(points);
    return sc;
  }, [points]);
  const bounds = useMemo(() => {
    const latLngs: [number, number][] = points.map((p) => [p.geometry.coordinates[1], p.geometry.coordinates[0]]);
    if (place) latLngs.push([place.lat, place.lng]);
    return latLngs.length ? L.latLngBounds(latLngs) : null;
  }, [points, place]);
  const selectedHit = hits.find((h) => h.id === selectedId && h.lat != null && h.lng != null);
  const selected = useMemo<[number, number] | null>(
    () => (selectedHit ? [selectedHit.lat!, selectedHit.lng!] : null),
    [selectedHit],
  );
  const centre: [number, number] = place ? [place.lat, place.lng] : points.length ? [points[0].geometry.coordinates[1], points[0].geometry.coordinates[0]] : [54.5, -2.5];

  return (
    <MapContainer center={centre} zoom={place ? 12 : 6} scrollWheelZoom={false} className="map search-map-canvas" attributionControl>
      <TileLayer url={config.tileUrl} attribution={config.tileAttribution} />
      {place && radiusKm && (
        <Circle center={[place.lat, place.lng]} radius={radiusKm * 1000} pathOptions={{ color: "#00594f", weight: 2, fillOpacity: 0.04 }} interactive={false} />
      )}
      <Viewport bounds={bounds} selected={selected} />
      <Clusters index={index} selectedId={selectedId} onSelect={onSelect} />
    </MapContainer>
  );
}
