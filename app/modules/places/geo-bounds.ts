export interface Bounds {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great Britain and Northern Ireland; the Channel Islands and Isle of Man fall outside. */
export const ukBounds: Bounds = { minLng: -8.7, minLat: 49.8, maxLng: 1.8, maxLat: 60.9 };

export function isInBounds(lat: number, lng: number, bounds: Bounds): boolean {
  return lat >= bounds.minLat && lat <= bounds.maxLat && lng >= bounds.minLng && lng <= bounds.maxLng;
}

const earthRadiusKm = 6371.0088;

export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  // min() guards against rounding pushing h just past 1 for antipodal points.
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}
