/**
 * The published description of the open API matches the API: every address
 * it lists is served, every Open Referral schema it points to exists in the
 * official ORUK 3.0 set, and the /api page links the document.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as openApi } from "~/routes/api.openapi[.]json/route";
import { loader as apiPage } from "~/routes/api._index/route";
import { callRoute } from "../setup/routes";

const routesDir = path.resolve(__dirname, "../../app/routes");

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

/** /api/hsds/services/{id} → the route folder Remix serves it from. */
function routeFolder(apiPath: string): string {
  const segments = apiPath.replace(/^\//, "").replace(/\/$/, "").split("/").map((s) => (s === "{id}" ? "$id" : s));
  const last = segments.at(-1)!;
  return last === "$id" || last === "search" ? segments.join(".") : `${segments.join(".")}._index`;
}

describe("the OpenAPI document", () => {
  it("is served openly and lists only addresses we serve, with schemas that exist", async () => {
    const res = await callRoute(openApi, new Request("http://localhost:3000/api/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const doc = res.body as { openapi: string; paths: Record<string, unknown>; servers: { url: string }[] };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0].url).toBe("http://localhost:3000");
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(["/api/search", "/api/hsds/", "/api/hsds/services", "/api/hsds/services/{id}", "/api/hsds/organizations", "/api/hsds/taxonomies", "/api/hsds/taxonomy_terms", "/api/hsds/service_at_locations"]));
    for (const p of paths) expect(existsSync(path.join(routesDir, routeFolder(p))), p).toBe(true);

    // Every HSDS route we serve is described.
    const served = readdirSync(routesDir).filter((d) => d.startsWith("api.hsds.") && d !== "api.hsds.$");
    expect(served.length).toBeGreaterThan(8);
    for (const folder of served) expect(paths.map(routeFolder), folder).toContain(folder);

    const oruk = path.resolve(__dirname, "../../standards/oruk-3.0/schema");
    const external = refs(doc).filter((r) => r.startsWith("https://"));
    expect(external.length).toBeGreaterThan(10);
    for (const r of external) {
      expect(r).toMatch(/^https:\/\/openreferraluk\.org\/specifications\/3\.0\/schema\/[a-z_]+\.json$/);
      expect(existsSync(path.join(oruk, path.basename(r))), r).toBe(true);
    }
  });
});

describe("the /api page", () => {
  it("gives the base address for the document it links", async () => {
    const res = await callRoute(apiPage, new Request("http://localhost:3000/api"));
    expect(res.body).toEqual({ base: "http://localhost:3000" });
  });
});
