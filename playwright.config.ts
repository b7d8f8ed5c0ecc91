import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Playwright cannot download its own browser on our machines, so we look for
 * one: CHROMIUM_PATH, then a system one (Playwright's own if installed,
 * Debian's), then the Chromium that @sparticuz/chromium ships inside its npm
 * package (unpacked to /tmp on first use), so `npm install && npm test` works
 * on a machine with no browser at all.
 */
async function findChromium(): Promise<string> {
  const candidates = [process.env.CHROMIUM_PATH, safe(() => chromium.executablePath()), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((p) => p && existsSync(p));
  if (found) return found;
  try {
    const shipped = (await import("@sparticuz/chromium")).default;
    return await shipped.executablePath();
  } catch (error) {
    throw new Error(
      "No Chromium found for the end-to-end tests, and the one shipped in @sparticuz/chromium could not be unpacked " +
        `(${error instanceof Error ? error.message : String(error)}). Install one with \`sudo apt-get install -y chromium\` ` +
        "(or `npx playwright install chromium` where downloads work), or set CHROMIUM_PATH to a Chrome/Chromium binary.",
      { cause: error },
    );
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * Each worker has its own site (port, embedded database, demo data, dev clock
 * and mailbox), so specs that move the clock or change the demo never meet:
 * worker N talks to E2E_PORT + N (tests/e2e/fixtures.ts). Two by default, one
 * per core; E2E_WORKERS=1 runs everything in one browser against one site.
 */
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const port = Number(process.env.E2E_PORT ?? 3210);
export const siteURL = (workerIndex: number) => `http://localhost:${port + workerIndex}`;
const dataDir = process.env.E2E_DATA_DIR ?? "tests/.tmp/e2e-data";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Every test has its own limit; this bounds the whole run so CI fails with a report instead of hanging.
  globalTimeout: process.env.CI ? 30 * 60_000 : undefined,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUT ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUT }]] : [["list"]],
  use: {
    baseURL: siteURL(0),
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: await findChromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The demo spec checks the demo as it is loaded; other specs move their site's clock weeks on (jobs then close
  // referrals), so it runs first, on both sites before anything else (its tests run in parallel).
  projects: [
    { name: "demo", testMatch: /demo\.spec\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", testIgnore: /demo\.spec\.ts$/, dependencies: ["demo"], use: { ...devices["Desktop Chrome"] } },
  ],
  // A fresh embedded database per site and run, demo data seeded, email to the dev mailbox.
  webServer: Array.from({ length: workers }, (_, index) => ({
    command: `rm -rf ${dataDir}-${index} && node --import tsx scripts/start.ts`,
    url: `${siteURL(index)}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      PORT: String(port + index),
      DATA_DIR: `${dataDir}-${index}`,
      NODE_ENV: "test",
      PUBLIC_URL: siteURL(index),
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      TILE_URL: `${siteURL(index)}/test-tiles/{z}/{x}/{y}.png`,
    },
  })),
});
