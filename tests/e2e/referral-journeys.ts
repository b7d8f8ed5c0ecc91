/** What the referral journeys share: demo activities to refer to, signing in a role, and the emailed private link. */
import { expect, type Browser, type Page } from "@playwright/test";
import { generateDemoData } from "../../db/seed/demo-data";

const demo = generateDemoData();
const leedsProvider = demo.organisations.find((o) => o.kind === "provider")!;
/** A walk run by organiser@linkway.test's group that accepts referrals without screening. */
export const walk = demo.activities.find((a) => a.organisationId === leedsProvider.id && a.status === "published" && !a.requiresScreening && !a.online)!;
/** Another activity anyone may ask to join. */
export const openToAll = demo.activities.find((a) => a.status === "published" && a.selfReferral && !a.requiresScreening && !a.online && a.id !== walk.id)!;
/** A second such activity, so specs that ask for places do not share one address-and-activity rate limit. */
export const openToAllToo = demo.activities.find((a) => a.status === "published" && a.selfReferral && !a.requiresScreening && !a.online && a.id !== walk.id && a.id !== openToAll.id)!;

/** A demo account signed in, in its own browser context. */
export async function signIn(browser: Browser, email: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Each role lands on its own dashboard after signing in.
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** The private link from the newest message to this address (the worker delivers within seconds). */
export function linkFromMailbox(page: Page, to: string): Promise<string> {
  return newestPrivateLink(page, `/dev/mailbox?to=${encodeURIComponent(to)}`, ".mail-body");
}

/** The private link from the newest text to this mobile number, from the development text inbox. */
export function linkFromTexts(page: Page, number: string): Promise<string> {
  return newestPrivateLink(page, `/dev/texts?to=${encodeURIComponent(number)}`, ".text-message");
}

/** The first /r/ link in the newest message a development inbox page shows, once it has arrived. */
async function newestPrivateLink(page: Page, inbox: string, message: string): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto(inbox);
    href = await page.locator(`${message} a[href*='/r/']`).first().getAttribute("href", { timeout: 500 });
    expect(href).toBeTruthy();
  }).toPass({ timeout: 30_000 });
  return href!;
}
