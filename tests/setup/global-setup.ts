import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { hashPassword } from "~/modules/accounts/index.server";
import { testPassword } from "../factories/accounts";
import { adminQuery, pgliteTemplatePath, serverUrl, tmpDir, withDatabase } from "./test-database";

export default async function globalSetup() {
  mkdirSync(tmpDir, { recursive: true });
  process.env.TEST_PASSWORD_HASH = await hashPassword(testPassword);
  const url = serverUrl();
  if (url) {
    const template = `lw_test_template_${process.pid}`;
    await adminQuery(url, `DROP DATABASE IF EXISTS ${template}`);
    await adminQuery(url, `CREATE DATABASE ${template}`);
    const handle = await openDatabase({ url: withDatabase(url, template) });
    await migrateDatabase(handle);
    await handle.close();
    process.env.TEST_SERVER_DATABASE_URL = url;
    process.env.TEST_TEMPLATE_DATABASE = template;
    console.log(`[tests] PostgreSQL: each test file gets a copy of ${template}`);
    return async () => {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    };
  }
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  const pglite = (handle as unknown as { pglite: { dumpDataDir: (c: "gzip") => Promise<Blob> } }).pglite;
  const dump = await pglite.dumpDataDir("gzip");
  await writeFile(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  console.log("[tests] PGlite: each test file gets an in-memory copy of a migrated template");
  return undefined;
}
