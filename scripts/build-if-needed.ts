/**
 * `npm install` runs this (the `prepare` script), so the first `npm start`
 * does not have to build the site. It builds only when app code is newer than
 * the build, so later installs cost nothing. An install without the build
 * tools (`--omit=dev`) skips it: `npm start` builds, or the build was shipped.
 * It also makes the migrated template the embedded database starts from.
 */
import { createRequire } from "node:module";
import { ensureEmbeddedTemplate } from "./lib/embedded-template";
import { buildIfNeeded } from "./lib/build";

function hasBuildTools(): boolean {
  try {
    createRequire(import.meta.url).resolve("@remix-run/dev/package.json");
    return true;
  } catch {
    return false;
  }
}
if (hasBuildTools()) await buildIfNeeded();
else console.log("Build tools not installed (--omit=dev): not building now.");

// The embedded database's first start copies this instead of creating and migrating a database (decision 105).
if (!process.env.DATABASE_URL) {
  const started = performance.now();
  try {
    const template = await ensureEmbeddedTemplate();
    if (template.made) console.log(`• Prepared the embedded database for a fast first start (${((performance.now() - started) / 1000).toFixed(1)} s).`);
  } catch (error) {
    // Not worth failing an install over: the first start creates the database itself, a few seconds slower.
    console.log(`Could not prepare the embedded database now (${error instanceof Error ? error.message : String(error)}); the first start will create it.`);
  }
}
