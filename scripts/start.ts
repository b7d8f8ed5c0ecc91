/**
 * `npm start` / `npm run dev`: validate config, migrate, seed an empty database
 * with demo data, build if needed, then serve the site (and, by default, run
 * the background worker in the same process).
 */
import { performance } from "node:perf_hooks";
import { prepareDatabase } from "./lib/prepare-database";
import { loadConfig } from "./lib/config";
import { buildIfNeeded } from "./lib/build";
import { createServer } from "./lib/server";
import { printBanner } from "./lib/banner";
import { step } from "./lib/progress";

const started = performance.now();
const dev = process.argv.includes("--dev");
if (!process.env.NODE_ENV) process.env.NODE_ENV = dev ? "development" : "production";

// Named in pg_stat_activity, so a DBA can tell web processes from workers.
process.env.DATABASE_APPLICATION_NAME ||= "linkway-web";
const config = loadConfig();
const { seeded, kind } = await prepareDatabase({ seed: config.SEED_DEMO });
if (!dev) await buildIfNeeded();

const { close } = await step("Starting the web server", () => createServer({ dev, config }));

const { startWorker } = await import("../app/modules/worker/index.server");
const worker = config.RUN_WORKER ? await startWorker() : undefined;

printBanner({ config, kind, seeded, seconds: (performance.now() - started) / 1000, worker: Boolean(worker) });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received: closing the server and the database…`);
  await worker?.stop();
  await close();
  // Searches answered in the last second are still queued for the log.
  const { flushSearchLog } = await import("../app/modules/activities/index.server");
  await flushSearchLog();
  const { closeDatabase } = await import("../db/client");
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
