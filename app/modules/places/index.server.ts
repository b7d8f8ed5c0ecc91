// The places module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { type Place, resetGazetteerForTests, resolvePlace } from "./gazetteer.server";
export { readGreatBritainTowns, type Town } from "./gb-towns.server";
export { DISTRICT_WITHIN_KM, nearestDistrict, nearestPlaceName, nearestTown, TOWN_WITHIN_KM } from "./nearest-place.server";
export {
  detectPostcodeFormat,
  importPostcodes,
  postcodeAttributions,
  postcodeCredits,
  PostcodeFileError,
  resetPostcodeCreditsForTests,
  type ImportProgress,
  type PostcodeImportSummary,
  type PostcodeSource,
} from "./postcode-import.server";
