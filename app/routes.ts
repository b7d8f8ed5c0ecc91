import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

export default flatRoutes({
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/*.server.ts"],
}) satisfies RouteConfig;
