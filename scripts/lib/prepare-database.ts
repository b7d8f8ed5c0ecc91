import { getDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { step } from "./progress";

/** Migrate, then load demo data when the database has no organisations yet. */
export async function prepareDatabase(options: { seed: boolean }) {
  const handle = await step(
    process.env.DATABASE_URL ? "Connecting to PostgreSQL" : "Opening the embedded database (the first time, it is made from the ready-made one, or created)",
    () => getDatabase(),
  );
  await step("Bringing the database up to date (migrations)", () => migrateDatabase(handle));
  let seeded = false;
  if (options.seed) {
    const { loadDemoDataIfEmpty } = await import("../../app/modules/demo/index.server");
    seeded = await step("Loading the demo data if the database is empty", () => loadDemoDataIfEmpty());
  }
  return { kind: handle.kind, seeded };
}
