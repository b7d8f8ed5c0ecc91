import { getDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

/** Migrate, then load demo data when the database has no organisations yet. */
export async function prepareDatabase(options: { seed: boolean }) {
  const handle = await getDatabase();
  await migrateDatabase(handle);
  let seeded = false;
  if (options.seed) {
    const { loadDemoDataIfEmpty } = await import("../../app/modules/demo/index.server");
    seeded = await loadDemoDataIfEmpty();
  }
  return { kind: handle.kind, seeded };
}
