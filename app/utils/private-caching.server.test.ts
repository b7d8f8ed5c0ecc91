import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { describe, expect, it } from "vitest";
import { cacheControlFor, PRIVATE_CACHE_CONTROL, SHARED_PAGE_CACHE_CONTROL } from "./private-caching.server";

const signedIn = "theme=x; linkway_session=abc";
const signedInOverHttps = "__Host-linkway_session=abc";

/** Every route's URL pattern, from the same file conventions as app/routes.ts. */
function routePatterns(): string[] {
  const manifest = flatRoutes(path.resolve(import.meta.dirname, ".."), ["**/*.test.ts", "**/*.test.tsx", "**/*.server.ts"], "routes");
  const full = (id: string | undefined): string => {
    const route = id ? manifest[id] : undefined;
    if (!route) return "";
    return route.path ? `${full(route.parentId)}/${route.path}` : full(route.parentId);
  };
  return Object.keys(manifest).map((id) => full(id) || "/");
}

describe("Cache-Control on private pages", () => {
  it("is no-store for every answer to a signed-in person: referrals, registers, organiser and account pages, data requests", () => {
    for (const page of ["/referrals/8f1c", "/registers", "/sessions/8f1c/register", "/organiser", "/organiser/referrals/8f1c", "/account", "/account/sessions", "/referrals/8f1c.data", "/search"]) {
      expect(cacheControlFor(page, signedIn, null), page).toBe(PRIVATE_CACHE_CONTROL);
      expect(cacheControlFor(page, signedInOverHttps, null), page).toBe(PRIVATE_CACHE_CONTROL);
    }
  });

  it("is no-store for every page reached through a private link, signed in or not: every route with a :token, now and later", () => {
    const tokenPages = routePatterns()
      .filter((p) => p.includes(":token"))
      .map((p) => p.replace(/:\w+/g, "abc123"));
    expect(tokenPages).toEqual(expect.arrayContaining(["/r/abc123", "/register/abc123", "/n/abc123", "/r/abc123/wellbeing"]));
    for (const page of tokenPages) expect(cacheControlFor(page, null, null), page).toBe(PRIVATE_CACHE_CONTROL);
  });

  it("leaves public pages to someone not signed in alone, and keeps a route's own choice", () => {
    for (const page of ["/", "/search", "/activities/8f1c", "/login", "/api/hsds/services"]) expect(cacheControlFor(page, null, null), page).toBeNull();
    expect(cacheControlFor("/api/hsds/services", signedIn, "public, max-age=300")).toBe("public, max-age=300");
    expect(cacheControlFor("/reports/referrals.csv", signedIn, "private, no-store")).toBe("private, no-store");
  });

  it("makes a page shared among signed-out visitors private when the request is someone's own, whatever its s-maxage", () => {
    expect(cacheControlFor("/search", null, SHARED_PAGE_CACHE_CONTROL)).toBe(SHARED_PAGE_CACHE_CONTROL);
    for (const shared of [SHARED_PAGE_CACHE_CONTROL, "public, s-maxage=30"]) {
      expect(cacheControlFor("/search", signedIn, shared), shared).toBe(PRIVATE_CACHE_CONTROL);
    }
  });
});
