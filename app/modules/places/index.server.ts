// The places module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { type Place, resolvePlace } from "./gazetteer.server";
export { readGreatBritainTowns, type Town } from "./gb-towns.server";
