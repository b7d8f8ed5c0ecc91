/**
 * The demo as someone trying Linkway meets it: each role finds the referral
 * loop already in motion (db/seed/demo-referrals.ts), on pages that stay
 * accessible with real content in them. Other specs move their site's clock
 * weeks on (jobs then expire or close the demo's referrals), so this spec is
 * its own Playwright project that runs first, on both sites
 * (playwright.config.ts); the exact inbox is checked in
 * tests/integration/demo-referrals.test.ts.
 */
import { expect, test, type Page } from "./fixtures";

// One test on each site, both before any other spec.
test.describe.configure({ mode: "parallel" });
import { expectNoAxeViolations } from "./a11y";

async function signIn(page: Page, email: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[/?]/g, "\\$&")}$`));
}

test("the referrer's caseload shows the loop in several states, and a referral compares wellbeing before and after", async ({ page }) => {
  await signIn(page, "referrer@linkway.test", "/referrals?sort=attention");
  const row = (name: string) => page.getByRole("row", { name: new RegExp(name) });
  await expect(row("Derek Sample")).toContainText("Stalled");
  await expect(row("Derek Sample")).toHaveClass(/needs-attention/);
  await expect(row("Kevin Sample")).toContainText("Declined");
  await expect(row("Aisha Demo")).toContainText("Booked");
  await expect(row("Maureen Example")).toContainText("Attending");
  await expect(row("Patricia Example")).toContainText("Completed");
  await expect(row("Tomasz Demo")).toContainText("Withdrawn");
  await expectNoAxeViolations(page);

  await row("Maureen Example").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maureen Example");
  const wellbeing = page.locator(".outcome-comparison");
  await expect(wellbeing.getByRole("heading", { name: "Wellbeing before and after" })).toBeVisible();
  // The four ONS4 answers and the loneliness score, each better than before.
  await expect(wellbeing.locator(".outcome-better")).toHaveCount(5);
  await expect(wellbeing.locator(".outcome-worse, .outcome-same")).toHaveCount(0);
  await expect(page.locator(".timeline")).toContainText("Follow-up wellbeing check sent to the person");
  await expect(page.locator(".timeline")).toContainText("Booked → Attending");
  await expectNoAxeViolations(page);
});

test("the organiser finds the people referred, who is coming, a self-referral, and last week's register still to mark", async ({ page }) => {
  await signIn(page, "organiser@linkway.test", "/organiser/referrals");
  await expect(page.getByRole("link", { name: /^Maureen E\./ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Derek S\./ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Nordic Walking at Harehills Park: / })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /^Grace S\./ }).click();
  await expect(page.getByText("From Asked for a place themselves")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/registers");
  const card = page.locator(".card").filter({ hasText: "Meanwood Women's Walking Group" }).filter({ hasText: "1 not marked" }).first();
  await card.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Meanwood Women's Walking Group" })).toBeVisible();
  const maureen = page.locator(".register-person").filter({ has: page.getByRole("heading", { name: "Maureen E.", exact: true }) });
  await expect(maureen.locator(".register-state")).toContainText("Not marked yet");
  await expectNoAxeViolations(page);
});
