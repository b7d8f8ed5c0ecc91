import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

test("a wrong password is refused with a clear message; the right one signs in", async ({ page }) => {
  await page.goto("/login?redirectTo=/search");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("organiser@linkway.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match an account");
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/search$/);
});

test("sign-in works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill("referrer@linkway.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your password")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  // A referrer with no page asked for lands on their referrals.
  await expect(page).toHaveURL(/\/referrals$/);
  await context.close();
});
