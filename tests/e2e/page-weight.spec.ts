import { expect, test, type Page } from "./fixtures";

// What a public page makes the browser fetch: Leaflet only with a map, and no link asked about twice in the route manifest.

function watch(page: Page) {
  const urls: URL[] = [];
  page.on("request", (request) => urls.push(new URL(request.url())));
  return {
    leafletCss: () => urls.map((u) => u.pathname).filter((u) => /^\/assets\/.*\.css$/.test(u) && !/\/app-[^/]+\.css$/.test(u)),
    /** The paths each `/__manifest` request asked about. */
    manifestQuestions: () => urls.filter((u) => u.pathname === "/__manifest").map((u) => u.searchParams.getAll("p")),
  };
}

test("on a phone, the search page fetches Leaflet's stylesheet only when the map is asked for", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const seen = watch(page);
  await page.goto("/search?near=Leeds&radius_km=10");
  await page.waitForLoadState("networkidle");
  expect(seen.leafletCss()).toEqual([]);
  await expect(page.locator('link[rel="stylesheet"][href*="leaflet"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Map", exact: true }).click();
  await expect(page.locator(".leaflet-container")).toBeVisible();
  expect(seen.leafletCss()).toHaveLength(1);
  // The stylesheet is applied: without it the tiles would sit in the page's flow, not layered in the map.
  await expect(page.locator(".leaflet-tile-pane")).toHaveCSS("position", "absolute");
  await expect(page.locator(".leaflet-container")).toHaveCSS("overflow", "hidden");
});

test("an activity page styles its map, and its first load does not include Leaflet", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/search?near=Leeds&radius_km=10");
  const href = await page.locator(".result-list > li").first().getByRole("heading").getByRole("link").getAttribute("href");
  const served = await page.request.get(href!);
  // Neither Leaflet's stylesheet nor its code is in the page as served; both come with the map.
  expect(await served.text()).not.toMatch(/leaflet|TileLayer/i);

  await page.goto(href!);
  await expect(page.locator(".place-map .leaflet-container")).toBeVisible();
  await expect(page.locator(".leaflet-tile-pane")).toHaveCSS("position", "absolute");
  expect(seen.leafletCss().length).toBeGreaterThan(0);
});

test("no link is asked about twice in the route manifest, even when it answers slowly", async ({ page }) => {
  const seen = watch(page);
  // A phone's round trip: the second fetch came from links added while the first was still on its way.
  await page.route("**/__manifest*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.goto("/search?near=Leeds&radius_km=10");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(600);
  // Links that appear later (a map drawn once JavaScript runs) may need a second request, never the same question.
  const questions = seen.manifestQuestions();
  expect(questions.length).toBeGreaterThan(0);
  const asked = questions.flat();
  expect(asked.length).toBeGreaterThan(0);
  expect(new Set(asked).size).toBe(asked.length);
});
