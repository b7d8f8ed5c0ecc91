// The places module's public face for code that also runs in the browser.
export { type Bounds, haversineKm, isInBounds, ukBounds } from "./geo-bounds";
export { type PlaceLookupResult, placeLookupSchema } from "./lookup";
export { isUkPostcode, normalisePostcode } from "./place-query";
export { distanceOrigin, locationOrigin, type DistanceOrigin, type DistancePrecision } from "./distance-origin";
