/**
 * Each test file gets its own database, opened here before the file's first
 * test so that the copy (seconds on a busy machine) is not counted against
 * that test's timeout.
 */
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, getDatabase } from "../../db/client";
import { adminQuery, pgliteTemplatePath, withDatabase } from "./test-database";

// Global setup runs in another process; what it decided arrives through env.
const server = process.env.TEST_SERVER_DATABASE_URL;
const template = process.env.TEST_TEMPLATE_DATABASE;
let databaseName: string | undefined;

/**
 * Generous: loading the template competes for the CPU with every other
 * process (minutes when a machine is overloaded). A copy that never finishes
 * is still caught, here or by scripts/stall-guard.mjs.
 */
const SET_UP_TIMEOUT_MS = 600_000;

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
  await getDatabase();
}, SET_UP_TIMEOUT_MS);

afterAll(async () => {
  await closeDatabase();
  if (server && databaseName) {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
}, SET_UP_TIMEOUT_MS);
