import { expect, test } from "./fixtures";

// A refused form answers 400 and still shows the form with the message next to the field,
// whether the browser posts the page itself (no JavaScript) or Remix fetches the answer.
test("a refused form is a 400 with its message beside the field, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill("not-an-email");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/forgot-password"),
    page.getByRole("button", { name: "Send the link" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/email address/i).first()).toBeVisible();
  await context.close();
});

test("a refused form is a 400 with its message shown, with JavaScript", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("organiser@linkway.test");
  await page.getByLabel("Password").fill("not the password");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("do not match an account");
  await expect(page).toHaveURL(/\/login$/);
});
