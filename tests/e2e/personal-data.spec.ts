import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";
import { linkFromMailbox, openToAll, signIn, walk } from "./referral-journeys";

test("a person removes their details from their page; the referrer then sees only 'Name removed'", async ({ browser }) => {
  const email = `rosa.${Date.now()}@example.org`;
  const referrer = await signIn(browser, "referrer@linkway.test");
  await referrer.goto(`/referrals/new?activity=${walk.id}`);
  await referrer.getByLabel("Their first name").fill("Rosa");
  await referrer.getByLabel("Their last name").fill("Quinlan");
  await referrer.getByLabel("Email address").fill(email);
  await referrer.getByLabel(/has agreed to share these details/).check();
  await referrer.getByLabel("Not appropriate for this person").check();
  await referrer.getByLabel("If not appropriate, why not?").fill("Asked by phone");
  await referrer.getByRole("button", { name: "Send the referral" }).click();
  await expect(referrer.getByRole("heading", { level: 1, name: "Referral sent" })).toBeVisible();
  const code = (await referrer.locator(".reference").first().textContent())!.trim();
  const link = await linkFromMailbox(referrer, email);

  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto(link);
  await person.getByRole("button", { name: /^Book / }).first().click();
  await expect(person.getByRole("status").filter({ hasText: "You are booked" })).toBeVisible();

  const section = person.getByRole("region", { name: "Remove my details" });
  await expect(section).toContainText("This cannot be undone");
  await expect(section).toContainText("without your name");
  // Without the box ticked: the error shows next to it, and nothing happens.
  await section.getByRole("button", { name: "Remove my details" }).click();
  await expect(section.getByText("Tick the box to say you understand")).toBeVisible();
  await expectNoAxeViolations(person);
  // Tick with the keyboard, then confirm.
  await section.getByLabel(/I understand my details will be removed/).focus();
  await person.keyboard.press("Space");
  await expect(section.getByLabel(/I understand my details will be removed/)).toBeChecked();
  await section.getByRole("button", { name: "Remove my details" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Your details have been removed" })).toBeVisible();
  await expect(person.getByRole("status")).toContainText("Any places you had booked are cancelled");
  await expectNoAxeViolations(person);

  // The link has stopped working.
  const response = await person.goto(link);
  expect(response?.status()).toBe(410);
  await expect(person.getByRole("heading", { level: 1, name: "This link has stopped working" })).toBeVisible();
  await expectNoAxeViolations(person);
  await personContext.close();

  // The referrer's caseload and the referral's page show only the anonymous record.
  await referrer.goto("/referrals");
  const row = referrer.getByRole("row", { name: new RegExp(code) });
  await expect(row).toContainText("Name removed");
  await expect(row).toContainText("Withdrawn");
  await row.getByRole("link").first().click();
  await expect(referrer.getByRole("heading", { level: 1 })).toHaveText("Name removed");
  await expect(referrer.getByText(/Personal details removed on .* \(at the person's request\)/)).toBeVisible();
  await expect(referrer.locator("body")).not.toContainText(email);
  await expect(referrer.locator("body")).not.toContainText("Quinlan");
  await expectNoAxeViolations(referrer);
});

test("without JavaScript, a person who asked for a place themselves removes their details", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/activities/${openToAll.id}/request-a-place`);
  await page.getByLabel("Your first name").fill("Ivor");
  await page.getByLabel("Your last name").fill("Pennant");
  const email = `ivor.${Date.now()}@example.org`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("I agree to share these details with the organiser").check();
  await page.getByRole("button", { name: "Ask for a place" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your request has been sent");
  const link = await linkFromMailbox(page, email);
  await page.goto(link);
  // The server refuses without the box ticked, with the error next to it.
  await page.getByRole("button", { name: "Remove my details" }).click();
  await expect(page.getByText("Tick the box to say you understand")).toBeVisible();
  await page.getByLabel(/I understand my details will be removed/).check();
  const [done] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Remove my details" }).click()]);
  expect(done.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Your details have been removed" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link has stopped working" })).toBeVisible();
  await context.close();
});
