/** `npm run db:restore -- FILE`: restore a backup into the empty database named by DATABASE_URL (or an empty PGlite DATA_DIR). */
import path from "node:path";
import { RestoreRefused, backupKind, restoreDatabase } from "./lib/backup";
import { databaseOptionsFromEnv } from "../db/client";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- FILE   (into the empty database that DATABASE_URL or DATA_DIR names)");
  process.exit(2);
}
const options = databaseOptionsFromEnv();
try {
  const kind = await backupKind(path.resolve(file));
  if ((kind === "pg_dump") !== Boolean(options.url)) {
    throw new RestoreRefused(kind === "pg_dump" ? "This is a PostgreSQL backup: set DATABASE_URL to an empty database." : "This is a PGlite backup: unset DATABASE_URL and set DATA_DIR to an empty folder.");
  }
  await restoreDatabase(options.url ? { url: options.url } : { dataDir: options.dataDir! }, path.resolve(file));
  console.log("Restored. Start the site as usual; it runs any newer migrations first.");
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
