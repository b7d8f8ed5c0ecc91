// The system module's public face: what other modules, routes, scripts and tests may use.
export { checkHealth } from "./health.server";
export { loadBackgroundStatus, type BackgroundStatus } from "./background.server";
export { checkReadiness, type Readiness } from "./readiness.server";
export { observePageCache, observeRequest, renderMetrics, routeLabel } from "./metrics.server";
