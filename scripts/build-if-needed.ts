/**
 * `npm install` runs this (the `prepare` script), so the first `npm start`
 * does not have to build the site. It builds only when app code is newer than
 * the build, so later installs cost nothing. An install without the build
 * tools (`--omit=dev`) skips it: `npm start` builds, or the build was shipped.
 */
import { createRequire } from "node:module";
import { buildIfNeeded } from "./lib/build";

try {
  createRequire(import.meta.url).resolve("@remix-run/dev/package.json");
} catch {
  console.log("Build tools not installed (--omit=dev): not building now.");
  process.exit(0);
}
await buildIfNeeded();
