/**
 * The server's route matching after scripts/patch-dependencies.mjs (decision 053):
 * the copy of @remix-run/router that Node loads is the patched one, and it finds
 * the same route, with the same params, as the library's untouched ES module copy,
 * for the same URL asked many times and for different route trees.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string };
type Router = { matchRoutes: (routes: Route[], location: string) => Match[] | null };

const require = createRequire(import.meta.url);
const serverRouterFile = createRequire(require.resolve("@remix-run/server-runtime")).resolve("@remix-run/router");
const serverRouter = require(serverRouterFile) as Router;
const browserRouter = (await import(pathToFileURL(path.join(path.dirname(serverRouterFile), "router.js")).href)) as Router;

// The shapes our flat routes produce: index, params, a pathless layout, a dotted file name, optional and splat segments.
const site = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "search", path: "search" },
      { id: "activity", path: "activities/:id" },
      { id: "request", path: "activities/:id/request-a-place" },
      { id: "calendar", path: "activities/:id/calendar.ics" },
      { id: "personal", path: "r/:token", children: [{ id: "personal-index", index: true }, { id: "wellbeing", path: "wellbeing" }] },
      { id: "layout", children: [{ id: "login", path: "login" }, { id: "optional", path: "reports/:area?" }] },
      { id: "hsds", path: "api/hsds/*" },
      { id: "Case", path: "CaseOnly", caseSensitive: true },
      { id: "missing", path: "*" },
    ],
  },
];
const otherSite = (): Route[] => [{ id: "root", path: "", children: [{ id: "activity-b", path: "activities/:slug" }, { id: "home-b", index: true }] }];

const urls = [
  "/",
  "/search",
  "/search/",
  "/activities/473ba7ef",
  "/activities/473ba7ef/request-a-place",
  "/activities/473ba7ef/calendar.ics",
  "/ACTIVITIES/x",
  "/r/abc",
  "/r/abc/wellbeing",
  "/login",
  "/reports",
  "/reports/leeds",
  "/api/hsds/services/1",
  "/caseonly",
  "/CaseOnly",
  "/nowhere/at/all",
  "/activities/a%20b",
];
const shape = (matches: Match[] | null) => matches?.map((m) => [m.route.id, m.params, m.pathname]) ?? null;

describe("route matching on the server", () => {
  it("runs the patched copy of the router", () => {
    expect(readFileSync(serverRouterFile, "utf8")).toContain("route matching reuses its work (decision 053)");
  });

  it("finds the same routes and params as the unpatched router, however often it is asked", () => {
    const routes = site();
    for (let round = 0; round < 3; round++) {
      for (const url of urls) expect(shape(serverRouter.matchRoutes(routes, url)), url).toEqual(shape(browserRouter.matchRoutes(site(), url)));
    }
  });

  it("keeps each route tree's answers to itself", () => {
    const a = site();
    const b = otherSite();
    expect(serverRouter.matchRoutes(a, "/activities/1")?.at(-1)?.route.id).toBe("activity");
    expect(serverRouter.matchRoutes(b, "/activities/1")?.at(-1)?.params).toEqual({ slug: "1" });
    expect(serverRouter.matchRoutes(a, "/activities/1")?.at(-1)?.params).toEqual({ id: "1" });
    // A match is the caller's own: changing it does not change the next answer.
    serverRouter.matchRoutes(a, "/activities/1")![1].params.id = "changed";
    expect(serverRouter.matchRoutes(a, "/activities/1")?.at(-1)?.params).toEqual({ id: "1" });
  });
});
