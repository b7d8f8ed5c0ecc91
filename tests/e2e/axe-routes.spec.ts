/**
 * Every page, at desktop and phone widths, with no axe violations (issue 15). The list of pages is derived from
 * app/routes, so a new page is scanned without touching this file: routes that answer JSON, files or redirects
 * are left out by name, parameters get demo values (or a well-formed id nobody has, which scans the "not found"
 * page), and each page is opened by the role it is for.
 */
import { expect, test, type Browser, type Page } from "./fixtures";
import { readdirSync } from "node:fs";
import { signIn, walk } from "./referral-journeys";
import { axeViolations } from "./a11y";

// The two widths are the longest tests in the suite and share nothing: each may go to its own worker and site.
test.describe.configure({ mode: "parallel" });

/** Not pages: JSON APIs, calendar and CSV files, uploads, form posts, health checks and development tools. */
const notAPage = /^(api\.(?!_index$)|healthz|uploads\.|feeds\.|logout$|dev\.|\$$)|\[\.\]|_\.save$|_\.calendar\./;

const unknownId = "00000000-0000-4000-8000-000000000000";
const values: Record<string, string> = { $id: walk.id, $token: "not-a-real-link.0000", $bookingId: unknownId, $key: "none" };

/** A route file's URL: "organiser.activities.$id.edit" → "/organiser/activities/<id>/edit". */
export function routeUrl(name: string): string {
  const segments = name
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, "").replace(/^_/, ""))
    .map((s) => (s.startsWith("$") ? (values[s] ?? unknownId) : s));
  return `/${segments.join("/")}`;
}

type Role = "public" | "referrer@linkway.test" | "organiser@linkway.test" | "admin@linkway.test" | "commissioner@linkway.test";

function roleFor(url: string): Role {
  if (/^\/(organiser|registers|sessions|organisations)/.test(url)) return "organiser@linkway.test";
  if (/^\/(referrals|account)/.test(url)) return "referrer@linkway.test";
  if (/^\/admin/.test(url)) return "admin@linkway.test";
  if (/^\/reports/.test(url)) return "commissioner@linkway.test";
  return "public";
}

const urls = readdirSync("app/routes")
  .filter((name) => !notAPage.test(name))
  .map(routeUrl)
  .sort();

const widths = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

async function open(browser: Browser, role: Role, viewport: { width: number; height: number }): Promise<Page> {
  if (role === "public") return (await browser.newContext({ viewport })).newPage();
  const page = await signIn(browser, role);
  await page.setViewportSize(viewport);
  return page;
}

test("the route list covers the pages people use", () => {
  expect(urls).toEqual(expect.arrayContaining(["/", "/search", `/activities/${walk.id}`, "/referrals/new", "/organiser", "/admin/audit", "/reports"]));
  expect(urls.some((u) => u.startsWith("/api/search"))).toBe(false);
});

test("the scan reports what is wrong, and where", async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><title>t</title><main><img src="/x.png"><button></button></main></html>`);
  const found = await axeViolations(page);
  expect(found.map((v) => v.id).sort()).toEqual(expect.arrayContaining(["button-name", "image-alt"]));
  expect(found.find((v) => v.id === "image-alt")?.targets).toEqual(["img"]);
});

for (const { name, viewport } of widths) {
  test(`every page has no axe violations (${name})`, async ({ browser }) => {
    test.setTimeout(60 * 60_000);
    const pages = new Map<Role, Page>();
    const problems: string[] = [];
    for (const url of urls) {
      const role = roleFor(url);
      if (!pages.has(role)) pages.set(role, await open(browser, role, viewport));
      const page = pages.get(role)!;
      await page.goto(url);
      for (const v of await axeViolations(page)) problems.push(`${url}: ${v.id} (${v.targets.join(", ")})`);
    }
    expect(problems).toEqual([]);
  });
}
