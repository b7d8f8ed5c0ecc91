/** The "Find on map" lookup: what a browser may ask the gazetteer. Browser-safe. */
import { z } from "zod";

export const placeLookupSchema = z.object({
  q: z
    .string({ error: "Type a postcode or a town" })
    .trim()
    .min(2, { error: "Type a postcode or a town" })
    .max(100, { error: "That is too long for a postcode or town" }),
});

/** What /api/places answers. */
export interface PlaceLookupResult {
  place: { label: string; lat: number; lng: number; kind: string; precision_km: number };
  /** Whether the place is inside the area Linkway covers (GEO_BOUNDS). */
  inArea: boolean;
}
