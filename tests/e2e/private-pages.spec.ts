import { expect, test } from "./fixtures";

// A signed-in person's pages are never kept in a cache (a shared computer's back button, a proxy); public pages may be.
test("pages for a signed-in person are sent with Cache-Control: no-store; the public search is not", async ({ page }) => {
  const search = await page.goto("/search");
  expect(search?.headers()["cache-control"] ?? "").not.toContain("no-store");
  await page.goto("/login");
  await page.getByLabel("Email address").fill("referrer@linkway.test");
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/referrals$/);
  const referrals = await page.goto("/referrals");
  expect(referrals?.headers()["cache-control"]).toContain("no-store");
  const account = await page.goto("/account");
  expect(account?.headers()["cache-control"]).toContain("no-store");
});
