import type { Place } from "./place";

/**
 * What a distance is measured from: a full postcode's own point, the centre of a postcode district, the centre
 * of a named place (a town, a neighbourhood, or the post town standing in for a postcode we cannot place), or
 * the point the person's device gave.
 */
export type DistancePrecision = "postcode" | "district" | "place" | "location";

export interface DistanceOrigin {
  precision: DistancePrecision;
  /** In words, to follow "from": "LS6 1AA", "the centre of LS6", "the centre of Headingley", "your location". */
  from: string;
}

/** The one place that decides how a distance from `place` is described, so no page claims more than we know. */
export function distanceOrigin(place: Pick<Place, "kind" | "label" | "centre">): DistanceOrigin {
  switch (place.kind) {
    case "postcode":
      return { precision: "postcode", from: place.label };
    case "outcode":
      return { precision: "district", from: `the centre of ${place.centre ?? place.label}` };
    case "postcode_area":
    case "town":
      return { precision: "place", from: `the centre of ${place.centre ?? place.label}` };
  }
}

export const locationOrigin: DistanceOrigin = { precision: "location", from: "your location" };
