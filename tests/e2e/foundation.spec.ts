import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

test("home page explains Linkway and leads to search", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Find something good to do");
  await expect(page.getByRole("heading", { name: "If you run an activity" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("What would you like to do?").fill("walk");
  await page.getByLabel("Near").fill("Leeds");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=walk&near=Leeds/);
  await expect(page.getByText(/activities? within 5 km of the centre of Leeds/)).toBeVisible();
});

test("search lists demo activities and opens one", async ({ page }) => {
  await page.goto("/search");
  await expect(page.getByRole("heading", { level: 1, name: "Find an activity" })).toBeVisible();
  const firstResult = page.locator(".result-list h3 a").first();
  await expect(firstResult).toBeVisible();
  await expectNoAxeViolations(page);
  const title = (await firstResult.textContent())!.trim();
  await firstResult.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "Next sessions" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an unknown or malformed activity is a friendly 404", async ({ page }) => {
  for (const path of ["/activities/00000000-0000-4000-8000-000000000000", "/activities/not-an-id"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
  }
});

test("health check answers ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "pglite" });
});
