/**
 * The commissioner's evidence on the demo data: the area dashboard, the
 * wellbeing report and the gap map all have figures on first start (the
 * demo's six months of history), a table downloads as a spreadsheet, and
 * every page passes axe — with JavaScript and without it, where the gap
 * map's list is the whole answer.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

// Four pages, each scanned by axe, on the full demo history: slower than most specs.
test.describe.configure({ timeout: 180_000 });

async function signIn(page: Page, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email address").fill("commissioner@linkway.test");
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[/?.]/g, "\\$&")}$`));
}

/** A count in a table row, read as a number ("< 5" and "1,234" included). */
async function countIn(page: Page, table: string, row: string): Promise<string> {
  return (await page.getByRole("table", { name: table }).getByRole("row", { name: new RegExp(`^${row}`) }).getByRole("cell").first().textContent()) ?? "";
}

async function checkPages(page: Page, javaScript: boolean) {
  await signIn(page, "/reports/area?period=year");
  await expect(page.getByRole("heading", { level: 1, name: "The area" })).toBeVisible();
  const referred = await countIn(page, "From referral to taking part: the figures", "Referred");
  expect(Number(referred.replace(/,/g, ""))).toBeGreaterThan(100);
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Wellbeing" }).click();
  await expect(page).toHaveURL(/\/reports\/impact\?period=year/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();
  await expect(page.getByText("6 or more sessions").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Gap map" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gap map" })).toBeVisible();
  const places = page.locator(".gap-list li");
  expect(await places.count()).toBeGreaterThan(3);
  await expect(places.first()).toContainText(/near .+: \d+ searches that found little.*; (nothing|\d+) within 5 km/);
  if (javaScript) await expect(page.locator(".gap-map .leaflet-container")).toBeVisible();
  else await expect(page.getByText("The map needs JavaScript. Every place on it is in the list above.")).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download “Unmet demand by kind of activity” as a spreadsheet (CSV)" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Kind of activity,All unmet,Searches that found little,Turned away as full,Period from,Period to");
  expect(csv.split("\r\n").length).toBeGreaterThan(3);

  await places.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /^Unmet demand near / })).toBeVisible();
  await expect(page.getByRole("table", { name: "What people asked for here" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Nearest listed activities of those kinds" })).toBeVisible();
  await expectNoAxeViolations(page);
}

test("the commissioner opens the area, wellbeing and the gap map on the demo data, and downloads a table", async ({ page }) => {
  await checkPages(page, true);
});

test("the same pages work without JavaScript", async ({ browser }) => {
  // The site's own scripts never load (as for someone whose browser blocks them), so
  // nothing hydrates and Leaflet never starts; the browser itself can still run axe,
  // which a context with JavaScript switched off entirely cannot.
  const context = await browser.newContext();
  await context.route(/\/assets\/.+\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  await checkPages(page, false);
  await context.close();
});
