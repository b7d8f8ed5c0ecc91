import { expect, test } from "./fixtures";
import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "./a11y";
import { linkFromMailbox, linkFromTexts, openToAll, signIn, walk } from "./referral-journeys";

test("a referrer refers a demo person, who books from the emailed link; the organiser and the referrer see it", async ({ browser }) => {
  const email = `margaret.${Date.now()}@example.org`;

  // The referrer searches and refers.
  const referrer = await signIn(browser, "referrer@linkway.test");
  await referrer.goto(`/search?q=${encodeURIComponent(walk.title)}`);
  await expect(referrer.getByRole("heading", { level: 1, name: "Find an activity" })).toBeVisible();
  await referrer.goto(`/activities/${walk.id}`);
  await expect(referrer.getByRole("heading", { level: 1 })).toHaveText(walk.title);
  await referrer.goto(`/referrals/new?activity=${walk.id}`);
  await expect(referrer.getByRole("heading", { level: 1, name: "Refer someone" })).toBeVisible();
  await expectNoAxeViolations(referrer);

  // Consent is required: refused with a message next to the box.
  await referrer.getByLabel("Their first name").fill("Margaret");
  await referrer.getByLabel("Their last name").fill("T");
  await referrer.getByLabel("Email address").fill(email);
  await referrer.getByLabel("Loneliness or isolation").check();
  await referrer.getByLabel("Not appropriate for this person").check();
  await referrer.getByLabel("If not appropriate, why not?").fill("Asked by phone");
  await referrer.getByRole("button", { name: "Send the referral" }).click();
  // Said beside the box, and listed (as a link to it) in the summary at the top.
  await expect(referrer.locator(".field-error", { hasText: "Tick the box to confirm" })).toBeVisible();
  await expect(referrer.getByRole("link", { name: /Tick the box to confirm/ })).toBeVisible();
  await referrer.getByLabel(/has agreed to share these details/).check();
  await referrer.getByRole("button", { name: "Send the referral" }).click();
  await expect(referrer.getByRole("heading", { level: 1, name: "Referral sent" })).toBeVisible();
  const code = (await referrer.locator(".reference").first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await expectNoAxeViolations(referrer);

  // The link arrives in the development mailbox.
  const link = await linkFromMailbox(referrer, email);
  expect(link).not.toContain("Margaret");

  // The person opens it (no account), books a session and downloads the calendar file.
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto(link);
  await expect(person.getByRole("heading", { level: 1 })).toHaveText(walk.title);
  await expect(person.getByText(code)).toBeVisible();
  await expectNoAxeViolations(person);
  await person.getByRole("button", { name: /^Book / }).first().click();
  await expect(person.getByRole("status").filter({ hasText: "You are booked" })).toBeVisible();
  await expect(person.getByRole("heading", { name: "Your bookings" })).toBeVisible();
  await expectNoAxeViolations(person);
  const downloadPromise = person.waitForEvent("download");
  await person.getByRole("link", { name: "Add to my calendar" }).first().click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^linkway-${code}-\\d{4}-\\d{2}-\\d{2}\\.ics$`));
  // Unfold long lines (RFC 5545 folds at 75 octets).
  const ics = (await readFile((await download.path())!, "utf8")).replace(/\r?\n[ \t]/g, "");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toMatch(/UID:booking-[0-9a-f-]{36}@linkway/);
  expect(ics).toContain("STATUS:CONFIRMED");
  expect(ics).toContain(`SUMMARY:${walk.title}`);
  expect(ics).toContain(code);
  await personContext.close();

  // The organiser sees who is coming.
  const organiser = await signIn(browser, "organiser@linkway.test");
  await organiser.goto("/organiser/referrals");
  await expectNoAxeViolations(organiser);
  await organiser.getByRole("link", { name: new RegExp(walk.title) }).first().click();
  await expect(organiser.getByRole("heading", { level: 1, name: "Who is coming" })).toBeVisible();
  await expect(organiser.getByRole("link", { name: "Margaret T." })).toBeVisible();
  await expect(organiser.getByText(code)).toBeVisible();
  await expectNoAxeViolations(organiser);

  // The referrer's caseload shows "Booked", and the timeline tells the story.
  await referrer.goto("/referrals");
  const row = referrer.getByRole("row", { name: new RegExp(code) });
  await expect(row).toContainText("Booked");
  await expectNoAxeViolations(referrer);
  await row.getByRole("link").first().click();
  await expect(referrer.getByRole("heading", { level: 1 })).toHaveText("Margaret T");
  await expect(referrer.locator(".timeline")).toContainText("Booked a session");
  await expect(referrer.locator(".timeline")).toContainText("Accepted → Booked");
  await expectNoAxeViolations(referrer);
});

test("without JavaScript a person asks for a place, books, and cancels", async ({ browser }) => {
  // axe needs JavaScript, so the pages are checked in the next test.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/activities/${openToAll.id}/request-a-place`);
  await page.getByLabel("Your first name").fill("Ade");
  await page.getByLabel("Your last name").fill("Okoro");
  await page.getByLabel("UK mobile number").fill("0113 496 0000");
  await page.getByRole("button", { name: "Ask for a place" }).click();
  await expect(page.getByText("Enter a UK mobile number")).toBeVisible();
  await expect(page.getByText("Tick the box to agree")).toBeVisible();
  await page.getByLabel("UK mobile number").fill("");
  const email = `ade.${Date.now()}@example.org`;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("I agree to share these details with the organiser").check();
  await page.getByRole("button", { name: "Ask for a place" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your request has been sent");
  // The link and reference go only to the address given, never on the page.
  await expect(page.getByRole("status")).toContainText(`We have sent your private link by email to ${email}`);
  await expect(page.locator("a[href*='/r/']")).toHaveCount(0);
  await page.goto(await linkFromMailbox(page, email));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(openToAll.title);
  await page.getByRole("button", { name: /^Book / }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "You are booked for" })).toBeVisible();
  await page.getByRole("link", { name: "Cancel this booking" }).first().click();
  await page.getByRole("button", { name: "Yes, cancel my place" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is cancelled" })).toBeVisible();
  await context.close();
});

test("the request-a-place form and its errors are accessible", async ({ page }) => {
  await page.goto(`/activities/${openToAll.id}/request-a-place`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Ask for a place" }).click();
  await expect(page.getByText("Tick the box to agree")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await page.getByLabel("Your first name").fill("Ade");
  await page.getByLabel("Your last name").fill("Okoro");
  await page.getByLabel("UK mobile number").fill("07700 900123");
  await page.getByLabel("I agree to share these details with the organiser").check();
  await page.getByRole("button", { name: "Ask for a place" }).click();
  // Only a mobile number: the link goes by text (here, to the development text inbox; decision 095).
  await expect(page.getByRole("status")).toContainText("We have sent your private link by text message to 07700 900123");
  await expectNoAxeViolations(page);
  await page.goto(await linkFromTexts(page, "07700900123"));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(openToAll.title).first()).toBeVisible();
});

test("a tampered link is a friendly 404 that says who to contact", async ({ page }) => {
  const response = await page.goto("/r/abcdefghijkmnpqr.stuvwxyz23456789abcdefghij");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find this link");
  await expect(page.getByText("contact the person who referred you")).toBeVisible();
  await expectNoAxeViolations(page);
});
