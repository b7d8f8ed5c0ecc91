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

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? "tests/.tmp/e2e-data";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Every test has its own limit; this bounds the whole run so CI fails with a report instead of hanging.
  globalTimeout: process.env.CI ? 30 * 60_000 : undefined,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUT ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUT }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: await findChromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh embedded database each run, demo data seeded, email to the dev mailbox.
    command: `rm -rf ${dataDir} && node --import tsx scripts/start.ts`,
    url: `${baseURL}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: "test",
      PUBLIC_URL: baseURL,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      TILE_URL: `${baseURL}/test-tiles/{z}/{x}/{y}.png`,
    },
  },
});
