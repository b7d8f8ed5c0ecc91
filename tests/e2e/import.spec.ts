import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./a11y";

async function signIn(page: Page, email: string, redirectTo: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("linkway-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

function londonDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
}

const header =
  "source_id,title,summary,category,cost_type,self_referral,requires_screening,capacity,contact_email,mode,venue_name,town,postcode,lat,lng,repeat,days,starts_on,start_time,end_time,status";

function csv(stamp: number, secondEnd: string): string {
  const row = (id: string, title: string, day: string, end: string) =>
    [id, title, "A friendly hour out with tea after", "walking", "free", "yes", "no", "12", "walks@example.test", "in_person", "Woodhouse Moor gates", "Leeds", "LS6 3AB", "53.8104", "-1.5567", "weekly", day, londonDate(-7), "10:00", end, "published"].join(",");
  return [header, row(`mon-${stamp}`, `Imported Monday Ramble ${stamp}`, "MO", "11:00"), row(`thu-${stamp}`, `Imported Thursday Ramble ${stamp}`, "TH", secondEnd)].join("\n") + "\n";
}

test("an organiser imports a CSV, sees the bad row and why, fixes it, confirms, and finds the activities in search", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "organiser@linkway.test", "/organiser");
  await page.getByRole("link", { name: "Import activities" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import activities" })).toBeVisible();
  await expect(page.getByRole("link", { name: "download the template" })).toHaveAttribute("href", "/import-template.csv");
  await expectNoAxeViolations(page);

  // The second row ends before it starts.
  await page.getByLabel("The file").setInputFiles({ name: "walks.csv", mimeType: "text/csv", buffer: Buffer.from(csv(stamp, "09:00")) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("table", { name: "Each row of the file" });
  await expect(preview.getByRole("row", { name: new RegExp(`Imported Monday Ramble ${stamp}`) })).toContainText("Will be added");
  const bad = preview.getByRole("row", { name: new RegExp(`Imported Thursday Ramble ${stamp}`) });
  await expect(bad).toContainText("Cannot be imported");
  await expect(bad).toContainText("end_time: The end time must be after the start time");
  await expect(page.getByRole("alert")).toContainText("Nothing has been imported");
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Fixed, uploaded again, confirmed.
  await page.getByLabel("The file").setInputFiles({ name: "walks.csv", mimeType: "text/csv", buffer: Buffer.from(csv(stamp, "11:30")) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(preview.getByRole("row", { name: new RegExp(`Imported Thursday Ramble ${stamp}`) })).toContainText("Will be added");
  await page.getByRole("button", { name: "Import 2 activities" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 2 added, 0 updated, 0 unchanged." })).toBeVisible();

  await page.goto("/search?near=LS6+3AB&radius_km=5&q=ramble");
  await expect(page.getByRole("link", { name: new RegExp(`Imported Thursday Ramble ${stamp}`) }).first()).toBeVisible({ timeout: 30_000 });
});
