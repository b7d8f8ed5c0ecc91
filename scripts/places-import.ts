/**
 * npm run places:import -- <ONSPD or Code-Point Open CSV>
 *
 * Loads every live unit postcode so the site resolves full postcodes exactly.
 * Safe to run again (or with a newer release): rows are upserted.
 */
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { closeDatabase } from "../db/client";
import { importPostcodes, PostcodeFileError } from "../app/modules/places/index.server";
import { loadConfig } from "./lib/config";

loadConfig();
const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0];
if (!file) {
  console.error("Usage: npm run places:import -- <ONSPD or Code-Point Open CSV file>");
  process.exit(2);
}

// The bar runs on bytes (the row count is not known until the end) and shows rows and rows/s beside it.
const bar = new SingleBar({
  format: "Postcodes [{bar}] {percentage}% | {rows} rows | {speed} rows/s | {eta_formatted} left",
  hideCursor: true,
  // Logs (CI, nohup) get a line every 5 s instead of nothing.
  noTTYOutput: true,
  notTTYSchedule: 5_000,
  stream: process.stderr,
});
const started = performance.now();
let exitCode = 0;
try {
  let begun = false;
  const summary = await importPostcodes({
    file,
    now: new Date(),
    onProgress: ({ bytesRead, bytesTotal, rows }) => {
      if (!begun) {
        bar.start(bytesTotal, 0, { rows: 0, speed: 0 });
        begun = true;
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(bytesRead, { rows, speed: Math.round(rows / Math.max(seconds, 0.001)) });
    },
  });
  bar.stop();
  const bad = summary.bad ? `, ${summary.bad} bad rows skipped (lines ${summary.badLines.join(", ")}${summary.bad > summary.badLines.length ? ", …" : ""})` : ", 0 bad rows";
  console.log(
    `places:import ${summary.source}: ${summary.rows} rows read, ${summary.imported} postcodes upserted, ${summary.terminated} terminated skipped${bad}; ${summary.seconds.toFixed(1)} s, ${summary.rowsPerSecond} rows/s`,
  );
} catch (error) {
  bar.stop();
  exitCode = 1;
  console.error(error instanceof PostcodeFileError ? error.message : error);
} finally {
  await closeDatabase();
}
process.exit(exitCode);
