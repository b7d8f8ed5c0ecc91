import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

async function signIn(page: Page, email: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(redirectTo);
}

test("an organiser publishes a weekly walking group with the map picker and finds it on the public page", async ({ page }) => {
  await signIn(page, "organiser@linkway.test", "/organiser");
  await expect(page.getByRole("heading", { level: 1, name: "Your activities" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sessions in the next 7 days" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add an activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add an activity" })).toBeVisible();
  // The map picker's button appears once the page is interactive.
  await expect(page.getByRole("button", { name: "Find on map" })).toBeVisible();
  await expectNoAxeViolations(page);

  const title = `Headingley Tuesday Stroll ${Date.now()}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Short summary").fill("A friendly hour-long walk round Woodhouse Moor, finishing with tea.");
  await page.getByLabel("Category").selectOption({ label: "Walking groups" });
  await page.getByLabel("Tuesday", { exact: true }).check();

  await page.getByLabel("Venue or meeting point").fill("Woodhouse Moor bandstand");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode", { exact: true }).fill("LS6 3AB");
  await page.getByRole("button", { name: "Find on map" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Found" })).toContainText("Leeds");
  const latitude = page.getByLabel("Latitude");
  await expect(latitude).not.toHaveValue("");
  const found = Number(await latitude.inputValue());

  // Drag the pin a little north-east, as an organiser would to the exact meeting point.
  const marker = page.locator(".location-picker .leaflet-marker-icon");
  await expect(marker).toBeVisible();
  const box = (await marker.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height - 44, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole("status").filter({ hasText: "Pin moved" })).toBeVisible();
  const dragged = Number(await latitude.inputValue());
  expect(dragged).toBeGreaterThan(found);

  await expect(page.getByLabel("Email address")).toHaveValue("organiser@linkway.test");
  await page.getByRole("button", { name: "Publish now" }).click();

  await expect(page).toHaveURL(/\/organiser\/activities\/[0-9a-f-]+\/edit\?saved=published/);
  await expect(page.getByText("Saved and published.")).toBeVisible();
  await expect(page.getByLabel("Latitude")).toHaveValue(String(dragged));
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "View the public page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const sessions = page.getByRole("list", { name: "Next sessions" }).getByRole("listitem");
  await expect(sessions.first()).toContainText("Tuesday");
  await expect(sessions.first()).toContainText("10:00 to 11:30");
  await expect(sessions.first()).toContainText("12 places left");
  await expect(page.getByRole("link", { name: "Ask for a place" })).toBeVisible();
  // Organisers cannot refer, so they are not offered it.
  await expect(page.getByRole("link", { name: "Refer someone to this activity" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const ics = await page.request.get(await page.getByRole("link", { name: "Download the dates (.ics file)" }).getAttribute("href") ?? "");
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("BEGIN:VTIMEZONE");
  await expect(page.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute("href", /^webcal:\/\//);
});

test("an organiser cancels a session and the public page says so", async ({ page }) => {
  await signIn(page, "organiser@linkway.test", "/organiser?status=published");
  await page.getByRole("link", { name: /^Manage sessions of/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Sessions:/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const first = page.locator(".session-list > li").first();
  const when = (await first.getByRole("heading").textContent())!;
  await first.getByText("Cancel this session", { exact: true }).first().click();
  await first.getByLabel("Why is it cancelled?").fill("The leader is unwell");
  await first.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByText("Session cancelled.")).toBeVisible();
  await expect(page.locator(".session-list > li").first()).toContainText("Cancelled: The leader is unwell");
  await expect(page.locator(".session-list > li").first().getByRole("button", { name: "Reinstate this session" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: /^Back to / }).click();
  const publicLink = page.getByRole("link", { name: "View the public page" });
  await publicLink.click();
  const item = page.getByRole("list", { name: "Next sessions" }).getByRole("listitem").filter({ hasText: when });
  await expect(item).toContainText("Cancelled: The leader is unwell");
});

test("an organiser puts a cancelled session back on, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "organiser@linkway.test", "/organiser?status=published");
  await page.getByRole("link", { name: /^Manage sessions of/ }).first().click();
  const row = page.locator(".session-list > li").nth(1);
  const when = (await row.getByRole("heading").textContent())!;
  const sameRow = page.locator(".session-list > li").filter({ has: page.getByRole("heading", { name: when, exact: true }) });
  await sameRow.getByText("Cancel this session", { exact: true }).first().click();
  await sameRow.getByLabel("Why is it cancelled?").fill("The hall is double-booked");
  await sameRow.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByText("Session cancelled.")).toBeVisible();
  await expect(sameRow).toContainText("Cancelled: The hall is double-booked");

  await sameRow.getByRole("button", { name: "Reinstate this session" }).click();
  await expect(page.getByText("Session reinstated: it is on again")).toBeVisible();
  await expect(sameRow).not.toContainText("Cancelled");
  await expect(sameRow).toContainText("places booked");
  await expect(sameRow.getByRole("button", { name: "Reinstate this session" })).toHaveCount(0);

  await page.getByRole("link", { name: /^Back to / }).click();
  await page.getByRole("link", { name: "View the public page" }).click();
  const item = page.getByRole("list", { name: "Next sessions" }).getByRole("listitem").filter({ hasText: when });
  await expect(item).toBeVisible();
  await expect(item).not.toContainText("Cancelled");
  await context.close();
});

test("the editor works without JavaScript: errors next to fields, then placed from the postcode", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "volunteer@linkway.test", "/organiser/activities/new");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page.getByText("Some answers need changing")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Choose at least one day")).toBeVisible();

  await page.getByLabel("Title", { exact: true }).fill("Chair yoga at the library");
  await page.getByLabel("Short summary").fill("Gentle seated yoga for all abilities.");
  await page.getByLabel("Category").selectOption({ label: "Exercise, yoga and tai chi" });
  await page.getByLabel("Thursday", { exact: true }).check();
  await page.getByLabel("Venue or meeting point").fill("Headingley Library");
  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Postcode", { exact: true }).fill("LS6 3AB");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page).toHaveURL(/saved=draft/);
  await expect(page.getByText(/We put the meeting point at the centre of/)).toBeVisible();
  await expect(page.getByLabel("Latitude")).not.toHaveValue("");
  await context.close();
});

test("people outside the organisation cannot open the editor", async ({ page }) => {
  await signIn(page, "organiser@linkway.test", "/organiser");
  const editLink = await page.locator("table a[href$='/edit']").first().getAttribute("href");
  await page.context().clearCookies();
  await signIn(page, "referrer@linkway.test", "/");
  const response = await page.goto(editLink!);
  expect(response?.status()).toBe(403);
  const dashboard = await page.goto("/organiser");
  expect(dashboard?.status()).toBe(403);
});

test("an admin renames a category; one in use cannot be deleted", async ({ page }) => {
  await signIn(page, "admin@linkway.test", "/admin/categories");
  await expect(page.getByRole("heading", { level: 1, name: "Categories" })).toBeVisible();
  await expectNoAxeViolations(page);
  // Every demo category is in use, so none offers a delete button.
  await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await page.getByLabel("Name of “Digital skills”").fill("Digital skills and getting online");
  await page.getByLabel("Name of “Digital skills”").locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Category saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Digital skills and getting online" })).toBeVisible();
});
