import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

test.describe("search", () => {
  test("near a postcode, filter free and step-free, open a result", async ({ page }) => {
    await page.goto("/search");
    await expectNoAxeViolations(page);
    await page.getByLabel("Near", { exact: true }).fill("LS6 3AB");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/near=LS6(\+|%20)3AB/);
    await expect(page.locator(".results-count")).toContainText(/activities within 5 km of/);
    const results = page.locator(".result-list > li");
    await expect(results.first()).toBeVisible();
    await expect(results.first().locator(".distance")).toContainText(/km away|km from the centre of/);
    await expectNoAxeViolations(page);

    await page.getByText(/^Filters/).click();
    await page.getByLabel("Free only").check();
    await page.getByLabel("Step-free access").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/free=1/);
    await expect(page).toHaveURL(/accessibility=step_free/);
    const filtered = page.locator(".result-list > li");
    await expect(filtered.first()).toBeVisible();
    const count = await filtered.count();
    for (let i = 0; i < count; i++) {
      await expect(filtered.nth(i).locator(".cost")).toHaveText("Free");
      await expect(filtered.nth(i).locator(".access-list")).toContainText("Step-free access");
    }
    // The filters stay as chosen, with counts beside each kind and day.
    await expect(page.getByLabel("Free only")).toBeChecked();
    await expect(page.locator(".facet-count").first()).toHaveText(/\(\d+\)/);
    await expectNoAxeViolations(page);

    const first = filtered.first().getByRole("heading").getByRole("link");
    const title = (await first.textContent())!.trim();
    // "Refer" is a staff action: the public is not sent to a staff sign-in.
    await expect(filtered.first().getByRole("link", { name: /^Refer/ })).toHaveCount(0);
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("switch to the map on a small screen, and back", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/search?near=Leeds&radius_km=10");
    // The form shows the search it made, so searching again keeps it.
    await expect(page.getByLabel("Distance")).toHaveValue("10");
    await expect(page.getByLabel("Near", { exact: true })).toHaveValue("Leeds");
    const list = page.locator(".results-list");
    await expect(list).toBeVisible();
    // On a phone the map (its code and tiles) is not fetched until asked for.
    const tiles: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/test-tiles/")) tiles.push(request.url());
    });
    await page.waitForLoadState("networkidle");
    expect(tiles).toEqual([]);
    await expect(page.locator(".leaflet-container")).toHaveCount(0);
    await page.getByRole("button", { name: "Map", exact: true }).click();
    await expect(page.locator(".leaflet-container")).toBeVisible();
    await expect(list).toBeHidden();
    await expect(page.locator(".search-pin, .search-cluster").first()).toBeVisible();
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "List", exact: true }).click();
    await expect(list).toBeVisible();
    // "Show on map" picks the result on the map.
    const firstItem = page.locator(".result-list > li").first();
    await firstItem.getByRole("button", { name: /Show on map/ }).click();
    await expect(page.locator(".leaflet-container")).toBeVisible();
    await expect(page.locator(".search-pin.is-selected")).toBeVisible();
  });

  test("clicking a marker highlights its result on a wide screen", async ({ page }) => {
    await page.goto("/search?near=Leeds&radius_km=10&per_page=5");
    await expect(page.locator(".leaflet-container")).toBeVisible();
    // Side by side: no List/Map toggle, the map to the right of the list, level with it.
    await expect(page.getByRole("group", { name: "Show results as" })).toBeHidden();
    const list = (await page.locator(".results-list").boundingBox())!;
    const map = (await page.locator(".results-map").boundingBox())!;
    expect(map.x).toBeGreaterThanOrEqual(list.x + list.width);
    expect(Math.abs(map.y - list.y)).toBeLessThan(50);
    await expect(page.locator(".search-pin, .search-cluster").first()).toBeVisible();
    for (let i = 0; i < 3 && (await page.locator(".search-pin").count()) === 0; i++) {
      // Everything is clustered at this zoom: open a cluster.
      await page.locator(".search-cluster").first().click();
    }
    // Pins can overlap; any pin will do.
    await page.locator(".search-pin").first().click({ force: true });
    await expect(page.locator(".result.is-selected")).toHaveCount(1);
    await expect(page.locator(".leaflet-popup")).toContainText("Show in the list");
  });

  test("an unknown place is explained next to the field", async ({ page }) => {
    const response = await page.goto("/search?near=Xyzzyplace+Qwerty");
    expect(response?.status()).toBe(200);
    await expect(page.locator("#search-near-error, .field-error").first()).toContainText("We could not find");
    await expect(page.getByLabel("Near", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
  });

  test("an empty search suggests what to change, with counts", async ({ page }) => {
    await page.goto("/search?near=LS6+3AB&radius_km=1&q=pottery&free=1");
    await expect(page.getByRole("heading", { name: "No activities match this search" })).toBeVisible();
    await expect(page.locator(".no-results li").first()).toHaveText(/^\d+ /);
    await expectNoAxeViolations(page);
  });

  test("the JSON API answers with CORS, and 400 for bad input", async ({ request }) => {
    const ok = await request.get("/api/search?near=LS6%203AB&per_page=3");
    expect(ok.status()).toBe(200);
    expect(ok.headers()["access-control-allow-origin"]).toBe("*");
    const body = await ok.json();
    expect(body.per_page).toBe(3);
    expect(body.results[0]).toHaveProperty("distance_km");
    const bad = await request.get("/api/search?radius_km=3");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.any(String), field: "radius_km" });
  });
});

test.describe("search without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form and the list work as plain HTML", async ({ page }) => {
    await page.goto("/search");
    await page.getByLabel("What are you looking for?").fill("walking");
    await page.getByLabel("Near", { exact: true }).fill("Bristol");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/q=walking/);
    await expect(page.locator(".result-list > li").first()).toBeVisible();
    await expect(page.getByText("The map needs JavaScript")).toBeVisible();
    await expect(page.getByRole("button", { name: "Use my location" })).toHaveCount(0);
  });
});
