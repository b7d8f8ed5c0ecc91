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
import type * as StaticServer from "react-router-dom/server";
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

describe("answers kept per path", () => {
  it("give each caller its own matches, whose params are one object as the library's are", () => {
    const routes = site();
    const first = serverRouter.matchRoutes(routes, "/r/abc/wellbeing")!;
    expect(first.map((m) => m.route.id)).toEqual(["root", "personal", "wellbeing"]);
    first.pop();
    const second = serverRouter.matchRoutes(routes, "/r/abc/wellbeing")!;
    expect(second.map((m) => m.route.id)).toEqual(["root", "personal", "wellbeing"]);
    expect(second[0].params).toBe(second[2].params);
    expect(second[0].params).not.toBe(first[0].params);
    expect(serverRouter.matchRoutes(routes, "/r/other/wellbeing")?.[0].params).toEqual({ token: "other" });
  });
});

describe("the server render's route trees", () => {
  const remixServerFile = createRequire(require.resolve("@remix-run/react")).resolve("./server.js");
  const staticRouterFile = createRequire(require.resolve("@remix-run/react")).resolve("react-router-dom/server");

  it("runs the patched copies, which keep one tree per build instead of one per request", () => {
    expect(readFileSync(remixServerFile, "utf8")).toContain("route trees are kept per build (decision 109)");
    expect(readFileSync(staticRouterFile, "utf8")).toContain("route trees are kept per build (decision 109)");
  });

  it("builds Remix's tree once per build, though every request brings a new route modules object", async () => {
    const React = await import("react");
    const { renderToString } = await import("react-dom/server");
    const { Outlet, useParams } = await import("react-router-dom");
    const { createStaticHandler } = require(staticRouterFile) as typeof StaticServer;
    const { RemixServer } = require(remixServerFile) as { RemixServer: (props: { context: unknown; url: string }) => React.ReactElement };
    // Counted where the patched file calls it: through the routes module's exports.
    const routesModule = require(createRequire(remixServerFile).resolve("./routes.js")) as { createServerRoutes: (...args: unknown[]) => unknown };
    const createServerRoutes = routesModule.createServerRoutes;
    let built = 0;
    routesModule.createServerRoutes = (...args) => (built++, createServerRoutes(...args));
    try {
      const flags = { hasAction: false, hasLoader: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false };
      const manifest = {
        routes: { root: { id: "root", path: "", module: "/root.js", ...flags }, page: { id: "page", parentId: "root", path: "a/:id", module: "/page.js", ...flags } },
        entry: { module: "/entry.js", imports: [] },
        url: "/manifest.js",
        version: "1",
      };
      const modules = {
        root: { default: () => React.createElement(Outlet) },
        page: { default: () => React.createElement("p", null, `page ${useParams().id}`) },
      };
      const future = {};
      const handler = createStaticHandler([{ id: "root", path: "", children: [{ id: "page", path: "a/:id" }] }]);
      const render = async (url: string) => {
        const staticHandlerContext = await handler.query(new Request(url));
        // As Remix's request handler does: the same build, a route modules object made for this request.
        const context = { manifest, routeModules: { ...modules }, staticHandlerContext, future, isSpaMode: false, serverHandoffString: "{}", serializeError: (e: unknown) => e, renderMeta: {} };
        return renderToString(React.createElement(RemixServer, { context, url }));
      };
      expect(await render("http://localhost/a/1")).toContain("page 1");
      expect(await render("http://localhost/a/2")).toContain("page 2");
      expect(built).toBe(1);
    } finally {
      routesModule.createServerRoutes = createServerRoutes;
    }
  });

  it("renders each request's own page and params from the kept tree", async () => {
    const React = await import("react");
    const { renderToString } = await import("react-dom/server");
    const server = require(staticRouterFile) as typeof StaticServer;
    const { useParams } = await import("react-router-dom");
    const Page = ({ name }: { name: string }) => React.createElement("p", null, `${name} ${JSON.stringify(useParams())}`);
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "search", path: "search", element: React.createElement(Page, { name: "search" }) },
          { id: "activity", path: "activities/:id", element: React.createElement(Page, { name: "activity" }) },
        ],
      },
    ];
    const handler = server.createStaticHandler(routes);
    const render = async (url: string) => {
      const context = await handler.query(new Request(`http://localhost${url}`));
      if (context instanceof Response) throw new Error("unexpected response");
      const router = server.createStaticRouter(handler.dataRoutes, context);
      return { router, html: renderToString(React.createElement(server.StaticRouterProvider, { router, context, hydrate: false })) };
    };
    const first = await render("/activities/1");
    const second = await render("/search");
    const third = await render("/activities/2");
    expect(second.router.routes).toBe(first.router.routes);
    expect(first.html).toContain("activity {&quot;id&quot;:&quot;1&quot;}");
    expect(second.html).toContain("search {}");
    expect(third.html).toContain("activity {&quot;id&quot;:&quot;2&quot;}");
  });
});

describe("drizzle's entity check", () => {
  const entityFile = require.resolve("drizzle-orm/entity");

  it("runs patched in both the files Node may load", () => {
    for (const file of [entityFile, entityFile.replace(/\.cjs$/, ".js")]) expect(readFileSync(file, "utf8")).toContain("decision 110");
  });

  it("answers as the library's own walk up the class chain does, for its own classes, asked again and again", async () => {
    const drizzle = await import("drizzle-orm");
    const pg = await import("drizzle-orm/pg-core");
    const { entityKind, is } = await import("drizzle-orm/entity");
    type Kinded = { [entityKind]?: string };
    // The untouched function, for comparison.
    const original = (value: unknown, type: Kinded) => {
      if (!value || typeof value !== "object") return false;
      for (let cls = Object.getPrototypeOf(value).constructor as Kinded | null; cls; cls = Object.getPrototypeOf(cls)) {
        if (entityKind in cls && cls[entityKind] === type[entityKind]) return true;
      }
      return false;
    };
    const people = pg.pgTable("people", { id: pg.uuid("id").primaryKey(), name: pg.text("name"), born: pg.timestamp("born") });
    const values: unknown[] = [people, people.id, people.name, people.born, drizzle.sql`select 1`, drizzle.eq(people.id, "x"), new drizzle.Param(1), drizzle.sql.placeholder("p"), {}, [], "text", null];
    const types = [drizzle.SQL, drizzle.Table, drizzle.Column, pg.PgColumn, pg.PgText, pg.PgTable, drizzle.Param, drizzle.Placeholder, drizzle.View];
    let yes = 0;
    for (let round = 0; round < 3; round++) {
      for (const value of values) {
        for (const type of types) {
          const expected = original(value, type as unknown as Kinded);
          expect(is(value, type as never), `${String(value)} is ${type.name}`).toBe(expected);
          if (expected) yes++;
        }
      }
    }
    expect(yes).toBeGreaterThan(20);
  });
});
