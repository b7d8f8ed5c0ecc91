import { closeDatabase, getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { loadConfig } from "./lib/config";

loadConfig();
const handle = await getDatabase();
await migrateDatabase(handle);
const { loadDemoDataIfEmpty } = await import("../app/modules/demo/index.server");
const seeded = await loadDemoDataIfEmpty();
console.log(seeded ? "Demo data loaded." : "The database already has data; nothing loaded (use npm run db:reset to start again).");
await closeDatabase();
