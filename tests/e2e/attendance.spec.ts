/**
 * Attendance closes the loop, end to end. Time passes by moving the server's
 * clock (POST /dev/clock), never by sleeping; emails arrive in /dev/mailbox.
 *
 * The parts this issue owns run against the demo data: an organiser keeps a
 * register (adding a walk-in, so someone is booked), the one-tap link arrives
 * and works without signing in, then expires; the walk-in gets the follow-up
 * wellbeing check. Then the whole referral loop, through the referral pages.
 */
import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { postForm } from "./same-origin";
import { expectNoAxeViolations } from "./a11y";
import { DAY_MS, MINUTE_MS } from "~/utils/time";

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
  }).toPass({ timeout: 90_000, intervals: [250, 500, 1000] });
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
    await moveClock(page.request, 8 * DAY_MS);
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
    await moveClock(request, 9 * DAY_MS);
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
    await moveClock(request, 9 * DAY_MS + 15 * DAY_MS);
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
    await moveClock(request, 9 * DAY_MS + 43 * DAY_MS);
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
 * The whole loop, across the referral pages and the register: a referrer
 * refers, the person books three sessions from their emailed link, the
 * organiser marks the first attended from the one-tap link (the referral is
 * "Attending"), then the next two as did-not-attend: two no-shows in a row
 * flag the referral stalled and the referrer gets an alert.
 *
 * It uses an activity no other spec books, so the register emails it waits
 * for are its own. Times come from the booking's calendar file (UTC), so the
 * clock moves to just after each session whatever day the suite runs.
 */
test.describe("the whole loop", () => {
  const loopActivity = "Beeston Buggy Walk";
  const personEmail = `peter.loop.${Date.now()}@example.test`;

  test.afterAll(async ({ request }) => {
    await moveClock(request, 0);
  });

  test("referrer refers → person books → organiser marks attended from the one-tap link → caseload shows attending → two no-shows flag it stalled", async ({ browser }) => {
    test.setTimeout(180_000);
    const person = await (await browser.newContext()).newPage();
    const organiser = await (await browser.newContext()).newPage();
    const referrer = await (await browser.newContext()).newPage();
    await moveClock(person.request, 0);

    // 1. The referrer finds the activity and refers Peter, with his consent.
    await signIn(referrer, "referrer@linkway.test", "/search");
    await referrer.goto(`/search?q=${encodeURIComponent(loopActivity)}`);
    await referrer.getByRole("link", { name: loopActivity }).first().click();
    await expect(referrer).toHaveURL(/\/activities\/[0-9a-f-]{36}$/);
    await expect(referrer.getByRole("heading", { level: 1 })).toHaveText(loopActivity);
    const activityId = new URL(referrer.url()).pathname.split("/").pop()!;
    await referrer.goto(`/referrals/new?activity=${activityId}`);
    await referrer.getByLabel("Their first name").fill("Peter");
    await referrer.getByLabel("Their last name").fill("Loop");
    await referrer.getByLabel("Email address").fill(personEmail);
    await referrer.getByLabel("Loneliness or isolation").check();
    await referrer.getByLabel(/has agreed to share these details/).check();
    await referrer.getByLabel("Not appropriate for this person").check();
    await referrer.getByLabel("If not appropriate, why not?").fill("Asked by phone");
    await referrer.getByRole("button", { name: "Send the referral" }).click();
    await expect(referrer.getByRole("heading", { level: 1, name: "Referral sent" })).toBeVisible();
    const code = (await referrer.locator(".reference").first().textContent())!.trim();

    // 2. The link arrives; Peter books the next three sessions.
    const personPath = await linkFromMailbox(person, { to: personEmail, subject: /.*/, pattern: /\/r\// });
    const token = personPath.split("/")[2];
    await person.goto(personPath);
    await expect(person.getByRole("heading", { level: 1, name: loopActivity })).toBeVisible();
    for (let i = 1; i <= 3; i++) {
      await person.getByRole("button", { name: /^Book / }).first().click();
      // Wait for the page to show this booking before booking the next session.
      await expect(person.locator(".session-card .status").filter({ hasText: "You are booked" })).toHaveCount(i);
    }
    const cards = person.locator(".booking-card");
    await expect(cards).toHaveCount(3);
    const sessions: { bookingId: string; when: string; endsAt: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const card = cards.nth(i);
      // The card carries its booking id (cancelling is now a link to a confirmation step, not a form).
      const bookingId = (await card.getAttribute("id"))!.replace(/^booking-/, "");
      const ics = await (await person.request.get(`/r/${token}/calendar/${bookingId}`)).text();
      const dtend = /DTEND:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(ics)!;
      const endsAt = Date.UTC(+dtend[1], +dtend[2] - 1, +dtend[3], +dtend[4], +dtend[5], +dtend[6]);
      sessions.push({ bookingId, when: (await card.getByRole("heading").textContent())!.trim(), endsAt });
    }

    /** Moves the clock to just after a session ends and opens its one-tap register link from the organiser's email. */
    const openRegisterAfter = async (session: (typeof sessions)[number]) => {
      await moveClock(person.request, session.endsAt + 5 * MINUTE_MS - Date.now());
      let href = "";
      await expect(async () => {
        await organiser.goto(`/dev/mailbox?to=${encodeURIComponent(contactEmail)}`);
        const message = organiser
          .locator(".mail-message")
          .filter({ has: organiser.getByRole("heading", { name: `Who came to ${loopActivity}? Mark the register` }) })
          .filter({ hasText: session.when })
          .first();
        href = (await message.getByRole("link").filter({ hasText: /\/register\// }).first().getAttribute("href", { timeout: 1000 }))!;
        expect(href).toBeTruthy();
      }).toPass({ timeout: 90_000, intervals: [250, 500, 1000] });
      await organiser.goto(new URL(href).pathname);
      await expect(organiser.getByRole("heading", { level: 1, name: loopActivity })).toBeVisible();
    };

    // 3. The first session happens; the organiser marks Peter attended from the emailed link, without signing in.
    await openRegisterAfter(sessions[0]);
    await personRow(organiser, "Peter L.").getByRole("button", { name: "Attended: Peter L." }).click();
    await expect(personRow(organiser, "Peter L.").locator(".register-state")).toHaveText(/^Attended$/);

    // Peter's own page now asks whether he went; his answer sits beside the organiser's mark.
    await person.goto(personPath);
    const past = person.locator(".past-booking").filter({ hasText: sessions[0].when });
    await past.getByRole("link", { name: "Did you go? Tell us" }).click();
    await expect(person.getByRole("heading", { level: 1, name: "Did you go?" })).toBeVisible();
    await person.getByRole("button", { name: "I went" }).click();
    await expect(person.getByRole("status")).toContainText("Thank you, Peter");
    await person.getByRole("link", { name: "Back to your referral" }).click();
    await expect(person.locator(".past-booking").filter({ hasText: sessions[0].when })).toContainText("You told us: I went");
    await expectNoAxeViolations(person);

    // 4. The referrer's caseload says "Attending"; the timeline shows the attended session.
    // (Days have passed on the server's clock, so the referrer signs in again.)
    await signIn(referrer, "referrer@linkway.test", "/referrals");
    const row = referrer.getByRole("row", { name: new RegExp(code) });
    await expect(row).toContainText("Attending");
    await row.getByRole("link").first().click();
    await expect(referrer.getByRole("heading", { level: 1 })).toHaveText("Peter Loop");
    const timeline = referrer.locator(".timeline");
    await expect(timeline).toContainText("Booked → Attending");
    await expect(timeline.locator("li.timeline-attendance").filter({ hasText: "Attended" })).toHaveCount(1);

    // 5. He misses the next two sessions: two no-shows in a row.
    await openRegisterAfter(sessions[1]);
    await personRow(organiser, "Peter L.").getByRole("button", { name: "Did not attend: Peter L." }).click();
    await expect(personRow(organiser, "Peter L.").locator(".register-state")).toHaveText(/^Did not attend$/);
    await openRegisterAfter(sessions[2]);
    await personRow(organiser, "Peter L.").getByRole("button", { name: "Did not attend: Peter L." }).click();
    await expect(personRow(organiser, "Peter L.").locator(".register-state")).toHaveText(/^Did not attend$/);

    // 6. The referral is stalled: on top of the caseload as needing attention, on the timeline, and in an alert.
    await signIn(referrer, "referrer@linkway.test", "/referrals?sort=attention");
    const stalledRow = referrer.getByRole("row", { name: new RegExp(code) });
    await expect(stalledRow).toContainText("Stalled");
    await expect(stalledRow).toHaveClass(/needs-attention/);
    await expect(referrer.locator("table.caseload tbody tr").first()).toContainText(code);
    await expectNoAxeViolations(referrer);
    await stalledRow.getByRole("link").first().click();
    await expect(referrer.getByText(/Stalled since/)).toBeVisible();
    await expect(referrer.locator(".timeline li.timeline-stalled")).toContainText("Did not attend two sessions in a row");
    await expect(referrer.locator(".timeline li.timeline-attendance").filter({ hasText: "Did not attend" })).toHaveCount(2);
    await expectNoAxeViolations(referrer);
    let alerted = false;
    await expect(async () => {
      await referrer.goto(`/dev/mailbox?to=${encodeURIComponent("referrer@linkway.test")}`);
      alerted = (await referrer.locator(".mail-message").filter({ hasText: `${code}: this referral needs your attention` }).count()) > 0;
      expect(alerted).toBe(true);
    }).toPass({ timeout: 30_000, intervals: [250, 500, 1000] });
    await expect(referrer.locator(".mail-message").filter({ hasText: `${code}: this referral needs your attention` }).first()).toContainText("Call the person");
  });
});
