/** `npm run worker`: the background jobs on their own (use RUN_WORKER=false on the web process). */
import { closeDatabase, getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { loadConfig } from "./lib/config";

process.env.DATABASE_APPLICATION_NAME ||= `linkway-worker`;
loadConfig();
await migrateDatabase(await getDatabase());
const { runJobsOnce, startWorker } = await import("../app/modules/worker/index.server");
if (process.argv.includes("--once")) {
  await runJobsOnce();
  await closeDatabase();
} else {
  const worker = await startWorker();
  console.log("Linkway worker running. Press Ctrl+C to stop.");
  const stop = async () => {
    await worker.stop();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
