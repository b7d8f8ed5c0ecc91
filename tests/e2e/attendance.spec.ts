/**
 * Attendance closes the loop, end to end. Time passes by moving the server's
 * clock (POST /dev/clock), never by sleeping; emails arrive in /dev/mailbox.
 *
 * The parts this issue owns run against the demo data: an organiser keeps a
 * register (adding a walk-in, so someone is booked), the one-tap link arrives
 * and works without signing in, then expires; the walk-in gets the follow-up
 * wellbeing check. The whole referral loop needs issue 6's pages (refer →
 * book) and is written against their documented contract, marked fixme.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { postForm } from "./same-origin";
import { expectNoAxeViolations } from "./a11y";

const DAY = 86_400_000;
const password = "linkway-demo-2026";
// A demo activity run by organiser@linkway.test's group, weekly, with the organiser as its contact.
const activityTitle = "Hyde Park Walk and Talk";
const contactEmail = "organiser@linkway.test";
const walkInEmail = "joan.walkin@example.test";

async function moveClock(request: APIRequestContext, offsetMs: number) {
  const response = await postForm(request, "/dev/clock", { offsetMs: String(offsetMs) });
  expect(response.ok()).toBe(true);
}

async function signIn(page: Page, email: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${redirectTo.replace(/[/?]/g, "\\$&")}$`));
}

/** Waits for the worker to send a message (it runs on timers) and returns the first link in it. */
async function linkFromMailbox(page: Page, options: { to: string; subject: string | RegExp; pattern: RegExp }): Promise<string> {
  let link = "";
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(options.to)}`);
    const message = page.locator(".mail-message").filter({ has: page.getByRole("heading", { name: options.subject }) }).first();
    await expect(message).toBeVisible({ timeout: 1000 });
    const href = await message.getByRole("link").filter({ hasText: options.pattern }).first().getAttribute("href");
    expect(href).toBeTruthy();
    link = href!;
  }).toPass({ timeout: 90_000, intervals: [2000] });
  return new URL(link).pathname;
}

function personRow(page: Page, name: string) {
  return page.locator(".register-person").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

test.describe.serial("session registers", () => {
  let registerPath = "";
  let oneTapPath = "";
  let joanBookingId = "";

  test.afterAll(async ({ request }) => {
    await moveClock(request, 0);
  });

  test("an organiser keeps a register on a phone: walk-in, marks, undo, and a failed save kept to retry", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // A week on, this week's sessions have happened.
    await moveClock(page.request, 8 * DAY);
    await signIn(page, "organiser@linkway.test", "/registers");
    await expect(page.getByRole("heading", { level: 1, name: "Registers" })).toBeVisible();
    await expectNoAxeViolations(page);
    const card = page.locator(".card").filter({ hasText: activityTitle }).filter({ hasText: "Open" }).first();
    await card.getByRole("link").click();
    await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/register$/);
    registerPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: activityTitle })).toBeVisible();
    await expect(page.getByText("Nobody is booked on this session yet.")).toBeVisible();

    // A walk-in: consent is required.
    await page.getByText("Add someone who walked in").click();
    await page.getByLabel("First name").fill("Joan");
    await page.getByLabel("Last name").fill("Smith");
    await page.getByLabel("Email address (optional)").fill(walkInEmail);
    await page.getByRole("button", { name: "Add walk-in" }).click();
    const consent = page.getByLabel("They agreed to share these details with this group");
    await expect(page.getByText("Tick the box to confirm they agreed")).toBeVisible();
    await expect(consent).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
    await consent.check();
    await page.getByRole("button", { name: "Add walk-in" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Joan S. was added as attended" })).toBeVisible();
    const joan = personRow(page, "Joan S.");
    await expect(joan.locator(".register-state")).toContainText("Attended");
    await expect(joan.locator(".register-code")).toHaveText(/Reference\s*[A-Z2-9]{3}-[A-Z2-9]{3}/);
    joanBookingId = (await joan.locator('input[name="bookingId"]').getAttribute("value"))!;
    await expectNoAxeViolations(page);

    // Undo, then did not attend.
    await joan.getByRole("button", { name: "Undo: Joan S." }).click();
    await expect(joan.locator(".register-state")).toContainText("Not marked yet");
    await expect(page.locator(".register-counts")).toContainText("1 not marked");
    await joan.getByRole("button", { name: "Did not attend: Joan S." }).click();
    await expect(joan.getByRole("button", { name: "Did not attend: Joan S." })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(".register-counts")).toContainText("1 did not attend");

    // No signal: the mark stays on screen, says it is not saved, and saves when the phone is back online.
    await context.setOffline(true);
    await joan.getByRole("button", { name: "Attended: Joan S." }).click();
    await expect(joan.locator(".register-state")).toContainText("Attended — not saved yet");
    await expect(page.getByRole("alert").filter({ hasText: "1 change is not saved yet" })).toBeVisible();
    await expectNoAxeViolations(page);
    await context.setOffline(false);
    await expect(page.locator(".register-unsaved-banner")).toHaveCount(0, { timeout: 15_000 });
    await expect(joan.locator(".register-state")).toHaveText(/^Attended$/);
    await page.reload();
    await expect(personRow(page, "Joan S.").locator(".register-state")).toHaveText(/^Attended$/);
    await context.close();
  });

  test("the register works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "volunteer@linkway.test", registerPath);
    const joan = personRow(page, "Joan S.");
    await joan.getByRole("button", { name: "Did not attend: Joan S." }).click();
    await expect(personRow(page, "Joan S.").locator(".register-state")).toHaveText(/^Did not attend$/);
    await personRow(page, "Joan S.").getByRole("button", { name: "Attended: Joan S." }).click();
    await expect(personRow(page, "Joan S.").locator(".register-state")).toHaveText(/^Attended$/);
    await context.close();
  });

  test("the one-tap link from the email marks attendance without signing in, and is refused once expired", async ({ browser, request }) => {
    // A day later the session has certainly ended, so the worker sends its link.
    await moveClock(request, 9 * DAY);
    const reader = await browser.newPage();
    oneTapPath = await linkFromMailbox(reader, { to: contactEmail, subject: `Who came to ${activityTitle}? Mark the register`, pattern: /\/register\// });
    await reader.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(oneTapPath);
    await expect(page.getByRole("heading", { level: 1, name: activityTitle })).toBeVisible();
    await expect(page.getByText("You opened this register from an emailed link")).toBeVisible();
    await expect(page.getByText("Add someone who walked in")).toHaveCount(0);
    await expectNoAxeViolations(page);
    const joan = personRow(page, "Joan S.");
    await joan.getByRole("button", { name: "Did not attend: Joan S." }).click();
    await expect(joan.locator(".register-state")).toHaveText(/^Did not attend$/);
    await joan.getByRole("button", { name: "Attended: Joan S." }).click();
    await expect(joan.locator(".register-state")).toHaveText(/^Attended$/);

    // The link opens nothing else.
    const other = await page.goto(registerPath);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(other?.status()).toBe(200);

    // Fifteen days after the session the register has closed and the link no longer works.
    await moveClock(request, 9 * DAY + 15 * DAY);
    const expired = await page.goto(oneTapPath);
    expect(expired?.status()).toBe(410);
    await expect(page.getByRole("heading", { level: 1, name: "This register link cannot be used" })).toBeVisible();
    await expect(page.getByText("This register link has expired")).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("six weeks on, the walk-in answers the follow-up wellbeing check from their emailed link", async ({ browser, request }) => {
    // Many steps and five accessibility scans: allow for a slow CI machine.
    test.setTimeout(120_000);
    await moveClock(request, 9 * DAY + 43 * DAY);
    const context = await browser.newContext();
    const page = await context.newPage();
    const wellbeingPath = await linkFromMailbox(page, { to: walkInEmail, subject: /How are you now\?/, pattern: /\/wellbeing/ });
    await page.goto(wellbeingPath);
    await expect(page.getByRole("heading", { level: 1, name: "How are you now?" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Leaving questions out is refused next to them.
    await page.getByRole("group", { name: "Overall, how satisfied are you with your life nowadays?" }).getByLabel("7", { exact: true }).check();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.locator(".field-error").first()).toBeVisible();
    await expect(page.getByRole("group", { name: "How often do you feel isolated from others?" }).locator(".field-error")).toHaveText("Choose one of the answers");
    await expectNoAxeViolations(page);

    const answer = async (question: string, label: string) =>
      page.getByRole("group", { name: question }).getByLabel(label, { exact: true }).check();
    await answer("Overall, to what extent do you feel that the things you do in your life are worthwhile?", "8");
    await answer("Overall, how happy did you feel yesterday?", "6");
    await page.getByRole("group", { name: /how anxious did you feel yesterday/ }).getByLabel("3", { exact: true }).check();
    await answer("How often do you feel that you lack companionship?", "Some of the time");
    await answer("How often do you feel left out?", "Hardly ever or never");
    await answer("How often do you feel isolated from others?", "Some of the time");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
    await expectNoAxeViolations(page);

    // From the same private link she can also say whether she went to the session.
    const token = wellbeingPath.split("/")[2];
    await page.goto(`/r/${token}/bookings/${joanBookingId}/self-report`);
    await expect(page.getByRole("heading", { level: 1, name: "Did you go?" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "I went" }).click();
    await expect(page.getByRole("status")).toContainText("Thank you, Joan");
    await expect(page.getByText("You told us: I went")).toBeVisible();
    await context.close();

    // The organiser sees it beside their own mark, which stands.
    const organiser = await browser.newContext();
    const op = await organiser.newPage();
    await signIn(op, "organiser@linkway.test", registerPath);
    await expect(personRow(op, "Joan S.").locator(".register-state")).toHaveText("Attended (they said they went)");
    await expect(op.getByText(/This register closed on/)).toBeVisible();
    await expect(personRow(op, "Joan S.").getByRole("button")).toHaveCount(0);
    await expectNoAxeViolations(op);
    await organiser.close();
  });
});

/**
 * The whole loop, across issue 6's pages (documented contract: the referral
 * form at /referrals/new?activity=<id> with "First name", "Last name", "Email
 * address", a consent checkbox and "Send referral"; the person's page /r/:token
 * with a "Book" button per session; the caseload at /referrals; the referral
 * page with its timeline). Enable once issue 6 is merged.
 */
test.describe("the whole loop", () => {
  test.fixme("referrer refers → person books → organiser marks attended from the one-tap link → caseload shows attending → a second no-show flags it stalled", async ({ browser }) => {
    const page = await browser.newPage();
    await moveClock(page.request, 0);
    // Find the activity and its id.
    await page.goto(`/search?q=${encodeURIComponent(activityTitle)}`);
    await page.getByRole("link", { name: activityTitle }).first().click();
    const activityId = new URL(page.url()).pathname.split("/").pop()!;

    // 1. The referrer refers a person.
    const referrer = await browser.newContext();
    const rp = await referrer.newPage();
    await signIn(rp, "referrer@linkway.test", `/referrals/new?activity=${activityId}`);
    await rp.getByLabel("First name").fill("Peter");
    await rp.getByLabel("Last name").fill("Loop");
    await rp.getByLabel("Email address").fill("peter.loop@example.test");
    await rp.getByRole("checkbox", { name: /agree|consent/i }).check();
    await rp.getByRole("button", { name: "Send referral" }).click();

    // 2. The person books the next two sessions from their link.
    const patientPath = await linkFromMailbox(page, { to: "peter.loop@example.test", subject: /.*/, pattern: /\/r\// });
    await page.goto(patientPath);
    await page.getByRole("button", { name: /^Book/ }).first().click();
    await page.getByRole("button", { name: /^Book/ }).first().click();

    // 3. Time passes: the first session happens; the one-tap link arrives.
    await moveClock(page.request, 8 * DAY);
    const linkPath = await linkFromMailbox(page, { to: contactEmail, subject: `Who came to ${activityTitle}? Mark the register`, pattern: /\/register\// });
    await page.goto(linkPath);
    await personRow(page, "Peter L.").getByRole("button", { name: "Attended: Peter L." }).click();
    await expect(personRow(page, "Peter L.").locator(".register-state")).toHaveText(/^Attended$/);

    // 4. The referrer's caseload shows attending, and the timeline the attended session.
    await rp.goto("/referrals");
    await expect(rp.getByRole("row", { name: /Peter/ })).toContainText("Attending");
    await rp.getByRole("link", { name: /Peter/ }).click();
    await expect(rp.getByText(/attended/i).first()).toBeVisible();

    // 5. Two no-shows in a row flag it stalled.
    await page.goto(linkPath);
    await personRow(page, "Peter L.").getByRole("button", { name: "Did not attend: Peter L." }).click();
    await moveClock(page.request, 15 * DAY);
    const second = await linkFromMailbox(page, { to: contactEmail, subject: `Who came to ${activityTitle}? Mark the register`, pattern: /\/register\// });
    await page.goto(second);
    await personRow(page, "Peter L.").getByRole("button", { name: "Did not attend: Peter L." }).click();
    await rp.goto("/referrals");
    await expect(rp.getByRole("row", { name: /Peter/ })).toContainText(/stalled|needs attention/i);
    await referrer.close();
    await page.close();
  });
});
