/** Drops everything and starts again with fresh demo data. Refuses in production. */
import { sql } from "drizzle-orm";
import { closeDatabase, getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { loadConfig } from "./lib/config";

const config = loadConfig();
if (config.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.error("Refusing to reset a production database. Pass --force if you really mean it.");
  process.exit(1);
}
const handle = await getDatabase();
await handle.db.execute(sql`drop schema if exists public cascade`);
await handle.db.execute(sql`drop schema if exists drizzle cascade`);
await handle.db.execute(sql`create schema public`);
await migrateDatabase(handle);
const { loadDemoDataIfEmpty } = await import("../app/modules/demo/index.server");
await loadDemoDataIfEmpty();
console.log("Database reset with demo data.");
await closeDatabase();
