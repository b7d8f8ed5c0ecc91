/**
 * The gap map's grid and its rule for "unmet", in one place. Browser-safe:
 * the evidence page's link and the map read the same cell ids.
 *
 * A cell is a square of 0.01° latitude by 0.01° longitude (about 1.1 km by
 * 0.7 km in Britain) — the same rounding the search log already stores, so a
 * logged search falls in exactly one cell and no finer place is ever kept.
 */
import { z } from "zod";

/** A search found "few or none" when it listed fewer than this many activities. */
export const FEW_RESULTS = 3;
/** How far away listed activities count as nearby supply. */
export const NEARBY_KM = 5;

export const cellOf = (lat: number, lng: number) => `${lat.toFixed(2)},${lng.toFixed(2)}`;

/** A cell id from a URL: "53.80,-1.52". */
export const gapCellSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,2}\.\d{2},-?\d{1,3}\.\d{2}$/, { error: "Not a place on the gap map" })
  .transform((v) => {
    const [lat, lng] = v.split(",").map(Number);
    return { id: v, lat, lng };
  })
  .refine((c) => Math.abs(c.lat) <= 90 && Math.abs(c.lng) <= 180, { error: "Not a place on the gap map" });

export type GapCellRef = z.output<typeof gapCellSchema>;

/** What the map draws for one unmet cell: the same texts the table shows. */
export interface GapPoint {
  cell: string;
  lat: number;
  lng: number;
  /** "Walking, near Harehills" */
  label: string;
  /** The cell's unmet count as the table shows it ("< 5" when small). */
  total: { value: number | null; text: string };
  /** One sentence in plain words. */
  summary: string;
}

/** The supply layer: listed activities per cell (public listings, not people). */
export interface SupplyPoint {
  lat: number;
  lng: number;
  activities: number;
}
