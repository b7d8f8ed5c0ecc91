/**
 * What to call a point in plain words: its nearest postcode district ("LS9")
 * where we know district centres, else its nearest town. The gap map names
 * hundreds of cells per page, and a scan of all ~4,300 GB towns for each took
 * about a second (npm run bench:reports), so towns are bucketed on a grid and
 * only the buckets within reach are looked at.
 */
import { haversineKm, type LatLng } from "./geo-bounds";
import { readGreatBritainTowns } from "./gb-towns.server";
import { neighbourhoods } from "./neighbourhoods";

/** A district is named only this close to its centre: districts are a few km across, and our centres are approximate. */
export const DISTRICT_WITHIN_KM = 3;
/** Further than this from any town, a point is named by its coordinates. */
export const TOWN_WITHIN_KM = 25;

// 0.25° is ~28 km north–south, so a 25 km search looks at no more than a 3 × 3 block of buckets (wider in longitude).
const BUCKET_DEG = 0.25;
const KM_PER_DEG_LAT = 111.2;

interface Named extends LatLng {
  name: string;
}

class PointGrid {
  private readonly buckets = new Map<string, Named[]>();
  constructor(points: Named[]) {
    for (const p of points) {
      const key = this.key(Math.floor(p.lat / BUCKET_DEG), Math.floor(p.lng / BUCKET_DEG));
      const list = this.buckets.get(key);
      if (list) list.push(p);
      else this.buckets.set(key, [p]);
    }
  }

  private key(row: number, col: number) {
    return `${row}:${col}`;
  }

  nearest(at: LatLng, withinKm: number): { name: string; km: number } | null {
    const dLat = withinKm / KM_PER_DEG_LAT;
    const dLng = withinKm / (KM_PER_DEG_LAT * Math.max(0.1, Math.cos((at.lat * Math.PI) / 180)));
    let best: { name: string; km: number } | null = null;
    for (let row = Math.floor((at.lat - dLat) / BUCKET_DEG); row <= Math.floor((at.lat + dLat) / BUCKET_DEG); row++) {
      for (let col = Math.floor((at.lng - dLng) / BUCKET_DEG); col <= Math.floor((at.lng + dLng) / BUCKET_DEG); col++) {
        for (const p of this.buckets.get(this.key(row, col)) ?? []) {
          const km = haversineKm(at, p);
          if (km <= withinKm && (!best || km < best.km)) best = { name: p.name, km };
        }
      }
    }
    return best;
  }
}

let towns: PointGrid | undefined;
let districts: PointGrid | undefined;

/**
 * District centres we ship: the mean of our neighbourhood centres in each
 * district (neighbourhoods.ts names the district each one is in). Only the
 * demo cities are covered; elsewhere names fall back to the town.
 */
function districtCentres(): Named[] {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const n of neighbourhoods) {
    const s = sums.get(n.district) ?? { lat: 0, lng: 0, n: 0 };
    sums.set(n.district, { lat: s.lat + n.lat, lng: s.lng + n.lng, n: s.n + 1 });
  }
  return [...sums].map(([name, s]) => ({ name, lat: s.lat / s.n, lng: s.lng / s.n }));
}

/** The nearest town of Great Britain within `withinKm`, or null. */
export function nearestTown(at: LatLng, withinKm = TOWN_WITHIN_KM): { name: string; km: number } | null {
  towns ??= new PointGrid(readGreatBritainTowns());
  return towns.nearest(at, withinKm);
}

/** The nearest postcode district whose centre we know, within `withinKm`, or null. */
export function nearestDistrict(at: LatLng, withinKm = DISTRICT_WITHIN_KM): { name: string; km: number } | null {
  districts ??= new PointGrid(districtCentres());
  return districts.nearest(at, withinKm);
}

/** "LS9", else "Harehills" (the nearest town), else the coordinates: how a place on a report is named. */
export function nearestPlaceName(at: LatLng): string {
  return nearestDistrict(at)?.name ?? nearestTown(at)?.name ?? `${at.lat.toFixed(2)}, ${at.lng.toFixed(2)}`;
}
