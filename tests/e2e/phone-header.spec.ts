/**
 * The phone header is one short band: the name and a "Menu" that opens the links (issue 15, item 9). It works
 * without JavaScript, by keyboard, and every target stays at least 44 px tall. Wide screens keep the links in view.
 */
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

test.describe.configure({ timeout: 180_000 });

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function headerHeight(page: Page): Promise<number> {
  return (await page.locator(".site-header").boundingBox())!.height;
}

for (const javaScriptEnabled of [true, false]) {
  test(`on a phone the header is short and its Menu opens the links (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/search");
    expect(await headerHeight(page)).toBeLessThanOrEqual(72);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Sign in" })).toBeHidden();
    const menu = page.locator(".site-header summary", { hasText: "Menu" });
    await expect(menu).toBeVisible();
    expect((await menu.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await menu.click();
    for (const name of ["Find an activity", "Sign in", "Create an account"]) {
      const link = nav.getByRole("link", { name });
      await expect(link).toBeVisible();
      expect((await link.boundingBox())!.height, name).toBeGreaterThanOrEqual(44);
    }
    // axe runs inside the page, so it needs JavaScript; the markup is the same without.
    if (javaScriptEnabled) await expectNoAxeViolations(page);
    await nav.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The menu does not stay open over the next page.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeHidden();
    expect(await headerHeight(page)).toBeLessThanOrEqual(72);
    await context.close();
  });
}

test("on a phone the Menu opens from the keyboard", async ({ browser }) => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto("/search");
  const menu = page.locator(".site-header summary", { hasText: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".site-header details")).toHaveAttribute("open", "");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Find an activity" })).toBeFocused();

  // Escape closes it from inside and puts focus back on "Menu", so a keyboard user is not left in hidden links.
  await page.keyboard.press("Escape");
  await expect(page.locator(".site-header details")).not.toHaveAttribute("open", "");
  await expect(menu).toBeFocused();

  // A tap outside closes it too.
  await menu.click();
  await expect(page.locator(".site-header details")).toHaveAttribute("open", "");
  // The open menu covers the top of the page, so tap the page's edge near the bottom (nothing to follow there).
  await page.mouse.click(4, (page.viewportSize()?.height ?? 800) - 10);
  await expect(page.locator(".site-header details")).not.toHaveAttribute("open", "");
  await expect(page).toHaveURL(/\/search$/);
  await context.close();
});

test("on a wide screen the links stay in the band and there is no Menu", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/search");
  await expect(page.locator(".site-header summary", { hasText: "Menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(1);
});
