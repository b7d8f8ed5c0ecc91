import { mkdirSync } from "node:fs";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { unpackEmbeddedTemplate } from "../../scripts/lib/embedded-template";
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
  await unpackEmbeddedTemplate(pgliteTemplatePath);
  console.log("[tests] PGlite: each test file gets an in-memory copy of a migrated template");
  return undefined;
}
