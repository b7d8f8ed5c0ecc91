/** `npm run db:backup [-- FILE]`: back up the database named by DATABASE_URL (or PGlite's DATA_DIR). */
import path from "node:path";
import { backupDatabase } from "./lib/backup";
import { databaseOptionsFromEnv } from "../db/client";

const options = databaseOptionsFromEnv();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve(process.argv[2] ?? `linkway-${stamp}.${options.url ? "dump" : "pglite.tar.gz"}`);
try {
  await backupDatabase(options.url ? { url: options.url } : { dataDir: options.dataDir! }, file);
  console.log(`Backed up to ${file}`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!options.url) console.error("With embedded PGlite, stop the site first: only one process can open its data directory.");
  process.exit(1);
}
