/**
 * Kept apart from gazetteer.server.ts so browser code (an autocomplete list,
 * a map form) can use the types without reaching for server-only modules.
 */
export type PlaceKind = "postcode" | "outcode" | "postcode_area" | "town";

export interface Place {
  label: string;
  lat: number;
  lng: number;
  kind: PlaceKind;
  /** Roughly how far the real place may be from the point; search radii should not be tighter. */
  precision_km: number;
  /**
   * What the point is the centre of, when the label does not say it ("LS6" for "LS6 9ZZ", "Leeds" for "LS6 1AA"
   * known only by its postcode area): distanceOrigin turns it into the words pages use, never pretending to more.
   */
  centre?: string;
}

export interface PlaceProvider {
  name: string;
  resolve(query: string): Promise<Place | null>;
  suggest?(prefix: string, limit: number): Promise<Place[]>;
}
