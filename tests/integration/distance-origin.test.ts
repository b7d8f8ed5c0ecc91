/**
 * Every distance says what it is measured from (issue 15): "from LS6 1AA" only when that postcode's own point is
 * known, "from the centre of LS6" for a district, "from the centre of Headingley" or "Leeds" for a place name, on
 * the result cards and in /api/search.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseSearchParams, searchActivities, type SearchResultsPage } from "~/modules/activities/index.server";
import { SearchResultItem } from "~/components/activity-search/search-result-item";
import { loader as apiSearch } from "~/routes/api.search/route";
import { callRoute } from "../setup/routes";
import { centre, createPlacedActivity } from "../factories/search";

async function search(near: string): Promise<SearchResultsPage> {
  const parsed = parseSearchParams(new URLSearchParams({ near, radius_km: "25", q: "Distance Club" }));
  if (!parsed.ok) throw new Error(`bad params: ${parsed.field} ${parsed.error}`);
  const result = await searchActivities(parsed.params, { log: false });
  if (!result.ok) throw new Error(`problem: ${result.field} ${result.error}`);
  return result;
}

/** The card's distance, as a person reads it. */
async function cardDistance(near: string): Promise<string> {
  const results = await search(near);
  const hit = results.hits.find((h) => h.title === "Distance Club");
  expect(hit, near).toBeDefined();
  const html = renderToStaticMarkup(
    createElement(StaticRouter, { location: "/search" }, createElement(SearchResultItem, { hit: hit!, categoryName: "Walking", selected: false, canRefer: false, distanceOrigin: results.place?.origin, approximate: results.place?.approximate })),
  );
  return /<span class="distance">([^<]*)<\/span>/.exec(html)![1];
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "linkway-distance-"));
  // In Headingley, 2 km north-west of the factories' Leeds centre.
  await createPlacedActivity({ km: 2, bearing: 315, overrides: { title: "Distance Club", summary: "A walk", description: "", tags: [] } });
});

afterEach(() => {
  delete process.env.POSTCODES_FILE;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("with no postcode data (a new install)", () => {
  it("a town's distances are from its centre, and the card says so", async () => {
    expect((await search("Leeds")).place?.origin).toEqual({ precision: "place", from: "the centre of Leeds" });
    expect(await cardDistance("Leeds")).toMatch(/^About \d+ km from the centre of Leeds$/);
  });

  it("a neighbourhood's distances are from its centre", async () => {
    expect((await search("Headingley")).place?.origin).toEqual({ precision: "place", from: "the centre of Headingley" });
    expect(await cardDistance("Headingley")).toMatch(/ km from the centre of Headingley$/);
  });

  it("a full postcode known only by its district is measured from the district's neighbourhood, not passed off as the postcode", async () => {
    expect((await search("LS6 1AA")).place?.origin).toEqual({ precision: "place", from: "the centre of Headingley" });
    expect(await cardDistance("LS6 1AA")).toMatch(/^About \d+ km from the centre of Headingley$/);
  });

  it("a full postcode in a district with no neighbourhood shipped is measured from its post town's centre", async () => {
    expect(await cardDistance("LS1 1AA")).toMatch(/^About \d+ km from the centre of Leeds$/);
  });

  it("/api/search says what distance_km is measured from, and how precisely", async () => {
    const { status, body } = await callRoute(apiSearch, new Request("http://localhost/api/search?near=Leeds&radius_km=25&q=Distance%20Club"));
    expect(status).toBe(200);
    expect(body.distance_from).toMatchObject({ precision: "place", description: "the centre of Leeds" });
    expect(body.distance_from.precision_km).toBeGreaterThan(1);
    expect(body.results[0].distance_km).toBeGreaterThan(0);

    const { body: byPoint } = await callRoute(apiSearch, new Request(`http://localhost/api/search?lat=${centre.lat}&lng=${centre.lng}&q=Distance%20Club`));
    expect(byPoint.distance_from).toEqual({ precision: "location", description: "your location", precision_km: null });
    const { body: noPlace } = await callRoute(apiSearch, new Request("http://localhost/api/search?q=Distance%20Club"));
    expect(noPlace.distance_from).toBeUndefined();
  });
});

describe("with a postcode file", () => {
  it("a full postcode is measured from itself; a district or sector from the district's centre", async () => {
    const file = join(dir, "postcodes.csv");
    await writeFile(file, ["LS6 1AA,53.816942,-1.566691", "LS6 3AB,53.8200,-1.5800", "LS6 4AA,53.8100,-1.5900"].join("\n") + "\n");
    process.env.POSTCODES_FILE = file;

    expect((await search("LS6 1AA")).place?.origin).toEqual({ precision: "postcode", from: "LS6 1AA" });
    expect(await cardDistance("LS6 1AA")).toMatch(/^\d+\.\d km from LS6 1AA$/);
    for (const near of ["LS6", "LS6 1", "LS6 9ZZ"]) {
      expect((await search(near)).place?.origin, near).toEqual({ precision: "district", from: "the centre of LS6" });
      expect(await cardDistance(near), near).toMatch(/ km from the centre of LS6$/);
    }
  });
});
