import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";
import { signIn } from "./referral-journeys";

/** Moves the server's clock so that it is 10:00 in the UK now: nudges wait for their time of day. */
async function serverClockAtTen(page: Page): Promise<void> {
  const now = new Date();
  const ukHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", hourCycle: "h23" }).format(now));
  const ukMinute = now.getUTCMinutes();
  const offsetMs = ((10 - ukHour) * 60 - ukMinute) * 60_000;
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/dev/clock", { form: { offsetMs: String(offsetMs) }, headers: { Origin: origin } });
  expect(response.ok()).toBe(true);
}

// The clock goes back to the real time whatever happens, so a failure here cannot shift every later spec's day.
test.afterEach(async ({ request, baseURL }) => {
  await request.post("/dev/clock", { form: { offsetMs: "0" }, headers: { Origin: baseURL! } });
});

test("a referrer prescribes an action; the person answers the nudge from the text inbox; the referrer sees it done", async ({ browser }) => {
  test.setTimeout(240_000);
  // The clock moves first: moving it hours ahead after signing in would end the referrer's session (2 hours idle),
  // so between midnight and 8 a.m. this test signed the referrer out.
  const person = await (await browser.newContext()).newPage();
  await person.goto("/");
  await serverClockAtTen(person);
  // A number of its own per attempt, so a retry never reads the earlier attempt's nudge.
  const mobile = `07700 9${String(Date.now()).slice(-5)}`;
  const referrer = await signIn(browser, "referrer@linkway.test");
  await referrer.goto("/referrals/new");
  await expect(referrer.getByRole("heading", { level: 1, name: "Refer someone" })).toBeVisible();
  await referrer.getByRole("button", { name: "Add an action" }).click();
  await referrer.getByLabel("Choose from the library").selectOption({ label: "Call an old friend (once a week)" });
  await referrer.getByLabel("First name").fill("Edith");
  await referrer.getByLabel("Last name").fill("Moore");
  await referrer.getByLabel(/mobile/i).first().fill(mobile);
  await referrer.getByLabel(/agreed/).check();
  await expectNoAxeViolations(referrer);
  await referrer.getByLabel("Not appropriate for this person").check();
  await referrer.getByLabel("If not appropriate, why not?").fill("Asked by phone");
  await referrer.getByRole("button", { name: "Send the referral" }).click();
  await expect(referrer.getByRole("heading", { level: 2, name: "Connection actions" })).toBeVisible();
  await referrer.getByRole("link", { name: "Follow this referral" }).click();
  await referrer.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
  const caseUrl = referrer.url();
  await expect(referrer.getByRole("heading", { level: 3, name: "Call an old friend" })).toBeVisible();

  // The morning nudge goes by text; the development text inbox shows it with its link. Setting the clock again
  // runs the background jobs at once, so the nudge goes now rather than at the nudge job's next turn (a minute).
  await serverClockAtTen(person);
  let nudgeLink: string | null = null;
  await expect(async () => {
    await person.goto(`/dev/texts?to=${mobile.replace(" ", "")}`);
    nudgeLink = await person.locator(".text-message a[href*='/n/']").first().getAttribute("href", { timeout: 1_000 });
    expect(nudgeLink).toBeTruthy();
  }).toPass({ timeout: 150_000, intervals: [250, 500, 1_000, 2_000] });
  await expect(person.getByText("Did you call an old friend today? Reply YES or NO")).toBeVisible();

  await person.goto(nudgeLink!);
  await expect(person.getByRole("heading", { level: 1, name: "Did you call an old friend today?" })).toBeVisible();
  await expectNoAxeViolations(person);
  await person.getByRole("button", { name: "Yes, I did" }).click();
  await expect(person.getByRole("status")).toContainText("Thank you");

  // The referrer sees it done.
  await referrer.goto(caseUrl);
  await expect(referrer.getByText("1 of 1 done").first()).toBeVisible();
  await expect(referrer.getByRole("heading", { name: "Actions done, week by week" })).toBeVisible();
  await expect(referrer.getByRole("cell", { name: "1 of 1 (100%)" })).toBeVisible();
  await expectNoAxeViolations(referrer);

});
