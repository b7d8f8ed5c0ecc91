import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
export const serverBuildPath = path.join(root, "build/server/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build, or when app code is newer than it. */
export async function buildIfNeeded(): Promise<void> {
  if (existsSync(serverBuildPath)) {
    const built = statSync(serverBuildPath).mtimeMs;
    const sources = Math.max(...["app", "db", "search"].map((dir) => newestMtime(path.join(root, dir))));
    if (sources <= built) return;
  }
  console.log("• Building the site (no build yet, or the code changed; takes a minute or two)…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", shell: false, env: buildEnv() });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(1);
  }
  // Over the JavaScript budget still leaves a working site: say so, and let `npm run build` and CI fail on it.
  spawnSync("npx", ["tsx", "scripts/check-js-budget.ts", "--warn"], { stdio: "inherit", shell: false, env: buildEnv() });
}

/**
 * The environment `npm run build` would have. A test that builds the site first runs under Vitest, whose
 * variables make vite.config.ts leave out the Remix plugin (the build then fails), and whose NODE_ENV=test
 * is not what the site is built for.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("VITEST") || name === "NODE_ENV") delete env[name];
  return env;
}
