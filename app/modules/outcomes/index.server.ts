// The outcomes module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { getOutcomeComparison } from "./comparison.server";
export { followUpState } from "./follow-up-state.server";
