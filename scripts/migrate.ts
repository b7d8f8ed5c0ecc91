import { closeDatabase, getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { loadConfig } from "./lib/config";

loadConfig();
const handle = await getDatabase();
await migrateDatabase(handle);
console.log(`Migrations applied (${handle.kind}).`);
await closeDatabase();
