import { afterAll, beforeAll } from "vitest";
import { closeDatabase } from "../../db/client";
import { adminQuery, pgliteTemplatePath, withDatabase } from "./test-database";

// Global setup runs in another process; what it decided arrives through env.
const server = process.env.TEST_SERVER_DATABASE_URL;
const template = process.env.TEST_TEMPLATE_DATABASE;
let databaseName: string | undefined;

beforeAll(async () => {
  await closeDatabase();
  if (server && template) {
    databaseName = `lw_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(server, `CREATE DATABASE ${databaseName} TEMPLATE ${template}`);
    process.env.DATABASE_URL = withDatabase(server, databaseName);
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = "memory://";
    process.env.PGLITE_TEMPLATE = pgliteTemplatePath;
  }
});

afterAll(async () => {
  await closeDatabase();
  if (server && databaseName) {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
});
