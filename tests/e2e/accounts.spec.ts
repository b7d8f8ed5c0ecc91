import { expect, test, type Page } from "./fixtures";
import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { expectNoAxeViolations } from "./a11y";
import { postForm } from "./same-origin";
import { MINUTE_MS } from "~/utils/time";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The newest link to `path` in the development mailbox for an address. */
async function openMailLink(page: Page, to: string, path: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
  const link = page.getByRole("link", { name: new RegExp(path.replace(/\//g, "\\/")) }).first();
  await expect(link).toBeVisible({ timeout: 15_000 });
  await link.click();
}

/** Waits for the worker to deliver, reloading the mailbox. */
async function waitForMail(page: Page, to: string, subject: string) {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByRole("heading", { name: subject }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** A code the server will accept: the next 30-second step (one step of drift is allowed), never the one just used. */
function nextTotpCode(keyText: string, stepsAhead = 1) {
  const key = decodeBase32IgnorePadding(keyText.replace(/\s+/g, ""));
  return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + stepsAhead), 6);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("sign up with an organisation, invite a colleague who accepts, two-step sign-in, and reset a password", async ({ page }) => {
  test.setTimeout(240_000);
  const id = unique();
  const ownerEmail = `owner-${id}@example.test`;
  const colleagueEmail = `colleague-${id}@example.test`;
  const ownerPassword = "copper kettle on the hob";
  const colleaguePassword = "seven quiet herons fly";

  // Sign up, creating an organisation.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Your name").fill("Olu Owner");
  await page.getByLabel("Email address").fill(ownerEmail);
  await page.getByLabel("Choose a password").fill("password1234");
  await page.getByLabel("Your organisation's name").fill(`Chapel Allerton Walkers ${id}`);
  await page.getByLabel("We run activities or services").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("most commonly used")).toBeVisible();
  await page.getByLabel("Choose a password").fill(ownerPassword);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectNoAxeViolations(page);

  await waitForMail(page, ownerEmail, "Confirm your email to finish signing up");
  await openMailLink(page, ownerEmail, "/signup/confirm/");
  await expect(page.getByRole("heading", { name: "Finish creating your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/organiser$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Your referrals" })).toHaveCount(0);

  // Invite a colleague from the members page.
  await nav.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Members and invitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Members of Chapel Allerton Walkers/ })).toBeVisible();
  await page.getByLabel("Their email address").fill(colleagueEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${colleagueEmail}` })).toBeVisible();
  await expect(page.getByText(colleagueEmail).last()).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // The colleague accepts from the dev mailbox and creates their account.
  await waitForMail(page, colleagueEmail, `Join Chapel Allerton Walkers ${id} on Linkway`);
  await openMailLink(page, colleagueEmail, "/invitations/");
  await expect(page.getByRole("heading", { name: `Join Chapel Allerton Walkers ${id}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Your name").fill("Cam Colleague");
  await page.getByLabel("Choose a password").fill(colleaguePassword);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/organiser$/);

  // The colleague turns on two-step sign-in, reading the key shown as text.
  await page.goto("/account/two-factor");
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const keyText = (await page.getByTestId("totp-key").textContent())!;
  await page.getByLabel("6-digit code").fill(nextTotpCode(keyText, 0));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  await expect(page.locator(".code-list li")).toHaveCount(10);
  await expectNoAxeViolations(page);
  await signOut(page);

  // Signing in now asks for the code.
  await signIn(page, colleagueEmail, colleaguePassword);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { name: "Enter your sign-in code" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  await page.getByLabel("Code").fill(nextTotpCode(keyText, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/organiser$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your account" })).toBeVisible();
  await page.goto("/account/sessions");
  await expect(page.getByText("This device")).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // The owner forgets their password and resets it from the dev mailbox.
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(ownerEmail);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent it a link");
  await waitForMail(page, ownerEmail, "Reset your Linkway password");
  await openMailLink(page, ownerEmail, "/reset-password/");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("New password").fill("a brand new morning walk");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await expect(page.getByRole("status")).toContainText("Your password has been changed");
  await signIn(page, ownerEmail, ownerPassword);
  await expect(page.getByRole("alert")).toContainText("do not match");
  await signIn(page, ownerEmail, "a brand new morning walk");
  await expect(page).toHaveURL(/\/organiser$/);
});

test("brute force: the 6th try within the window is refused with the rate-limit message, even with the right password", async ({ page }) => {
  test.setTimeout(120_000);
  // An account no other spec signs in with: the lock-out lasts 15 minutes.
  const target = "martin.obrien@leeds-libraries-community-learning.test";
  for (let i = 1; i <= 5; i++) {
    await signIn(page, target, `wrong password ${i}`);
    await expect(page.getByRole("alert")).toContainText("do not match an account");
  }
  await signIn(page, target, "linkway-demo-2026");
  await expect(page.getByRole("alert")).toContainText(/Too many attempts\. Try again in 1[45] minutes\./);
  await expect(page).toHaveURL(/\/login$/);
});

test("the header shows what the signed-in person can use; admins reach the audit log and people pages", async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Find an activity" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Create an account" })).toBeVisible();

  await signIn(page, "admin@linkway.test", "linkway-demo-2026");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("What happened").selectOption("sign_in.succeeded");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=sign_in\.succeeded/);
  await expect(page.getByRole("cell", { name: /Alex Morgan \(admin@linkway\.test\)/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/admin/users?q=gp%40linkway");
  await expect(page.getByRole("cell", { name: "gp@linkway.test" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /Make admin/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "now an administrator" })).toBeVisible();
  await page.getByRole("button", { name: /Remove admin rights/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "removed" })).toBeVisible();

  // Half an hour later, handing out administrator rights asks for the password again first.
  expect((await postForm(request, "/dev/clock", { offsetMs: String(31 * MINUTE_MS) })).ok()).toBe(true);
  try {
    await page.getByRole("button", { name: /Make admin/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Password").fill("linkway-demo-2026");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page).toHaveURL(/\/admin\/users\?q=gp%40linkway/);
    await page.getByRole("button", { name: /Make admin/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "now an administrator" })).toBeVisible();
    await page.getByRole("button", { name: /Remove admin rights/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "removed" })).toBeVisible();
  } finally {
    await postForm(request, "/dev/clock", { offsetMs: "0" });
  }
  for (const [path, heading] of [
    ["/account/password", "Change your password"],
    ["/account/delete", "Delete your account"],
    ["/account/two-factor", "Two-step sign-in"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await signOut(page);
  await signIn(page, "referrer@linkway.test", "linkway-demo-2026");
  await expect(page).toHaveURL(/\/referrals$/);
  await expect(nav.getByRole("link", { name: "Your referrals" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const response = await page.goto("/admin/audit");
  expect(response?.status()).toBe(403);
});

test("forms work without JavaScript: forgotten password, account pages and signing out", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/forgot-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await page.getByLabel("Email address").fill("gp@linkway.test");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent it a link");

  await signIn(page, "gp@linkway.test", "linkway-demo-2026");
  await expect(page).toHaveURL(/\/referrals$/);
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("linkway-demo-2026");
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await page.goto("/account");
  await page.getByLabel("Name", { exact: true }).fill("Dr Amara Okafor-Smith");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText("Your name has been saved");
  await page.goto("/account/delete");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Tick the box")).toBeVisible();
  await signOut(page);
  await context.close();
});

test("a cross-site form post is refused", async ({ request, baseURL }) => {
  const refused = await request.post("/login", { form: { email: "x@example.test", password: "x" }, headers: { Origin: "https://evil.example" } });
  expect(refused.status()).toBe(403);
  const missing = await request.post("/logout", { form: {} });
  expect(missing.status()).toBe(403);
  const allowed = await request.post("/logout", { form: {}, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(allowed.status()).toBe(302);
});

test("security headers are on every response", async ({ request }) => {
  for (const path of ["/", "/login", "/favicon.svg"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toMatch(/object-src 'none'/);
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["content-security-policy"]).toMatch(/base-uri 'none'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
  }
});
