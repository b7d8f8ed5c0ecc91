// The demo module's public face: what other modules, routes, scripts and tests may use.
export { DEMO_MESSAGE_NOTE } from "./demo-referrals.server";
export { loadDemoDataIfEmpty } from "./load-demo-data.server";
