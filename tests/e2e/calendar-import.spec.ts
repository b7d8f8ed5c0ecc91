/**
 * An organiser links an activity to the calendar they publish, in a browser without JavaScript: the event
 * appears as a session, and a calendar that stops answering is shown on the page with its reason. The section
 * is axe-clean.
 */
import { expect, test } from "./fixtures";
import { listenOnFreePort } from "../setup/listen";
import { createServer, type Server } from "node:http";
import { expectNoAxeViolations } from "./a11y";
import { signIn, walk } from "./referral-journeys";

let server: Server;
let base: string;
let close: () => Promise<void>;
let body: string | null;

const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
const ics = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Test//E2E//EN",
  "BEGIN:VEVENT",
  "UID:e2e-calendar@test",
  "DTSTAMP:20260101T000000Z",
  `DTSTART;TZID=Europe/London:${day}T183000`,
  `DTEND;TZID=Europe/London:${day}T193000`,
  "SUMMARY:Evening stretch",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

test.beforeAll(async () => {
  body = ics;
  server = createServer((_req, res) => (body ? res.writeHead(200, { "Content-Type": "text/calendar" }).end(body) : res.writeHead(404).end("gone")));
  ({ base, close } = await listenOnFreePort(server));
});
test.afterAll(() => close());

test("an organiser links their calendar without JavaScript and its event becomes a session", async ({ browser }) => {
  // axe runs as a script, so the accessibility checks use a second, ordinary browser.
  const checker = await signIn(browser, "organiser@linkway.test");
  await checker.goto(`/organiser/activities/${walk.id}/sessions`);
  await expectNoAxeViolations(checker);

  const page = await signIn(browser, "organiser@linkway.test", { javaScriptEnabled: false });
  await page.goto(`/organiser/activities/${walk.id}/sessions`);
  const section = page.getByRole("region", { name: "Sessions from your own calendar" });

  await section.getByLabel("Calendar web address (.ics)").fill(`${base}/missing-first.ics`);
  body = null;
  await section.getByRole("button", { name: "Link this calendar" }).click();
  await expect(page.getByText("The address answered 404 (not found)")).toBeVisible();

  body = ics;
  await page.getByRole("region", { name: "Sessions from your own calendar" }).getByLabel("Calendar web address (.ics)").fill(`${base}/stretch.ics`);
  await page.getByRole("button", { name: "Link this calendar" }).click();
  await expect(page.getByText("Your calendar is linked.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /6:30pm|18:30/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unlink this calendar" })).toBeVisible();
  await checker.reload();
  await expectNoAxeViolations(checker);

  await page.getByRole("button", { name: "Unlink this calendar" }).click();
  await expect(page.getByText("Your calendar is no longer linked.")).toBeVisible();
});
