/**
 * Each test file gets its own database, opened here before the file's first
 * test so that the copy (seconds on a busy machine) is not counted against
 * that test's timeout.
 */
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, getDatabase } from "../../db/client";
import { flushSearchLog } from "../../app/modules/activities/index.server";
import { resetGazetteerForTests, resetPostcodeCreditsForTests } from "../../app/modules/places/index.server";
import { forgetEnv } from "../../app/utils/env.server";
import { dropReferenceCaches } from "../../app/utils/reference-cache.server";
import { startLikeAFreshProcess } from "./fresh-process";
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

// Files run one after another in a process that keeps modules loaded (fresh-process.ts): each starts as if it were
// the first, with nothing read from the previous file's database or environment.
startLikeAFreshProcess();
forgetEnv();
dropReferenceCaches();
resetPostcodeCreditsForTests();
resetGazetteerForTests();

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
  // Searches are logged a second later (search-log.server.ts): written now, into this file's database, not the next's.
  await flushSearchLog().catch(() => {});
  await closeDatabase();
  if (server && databaseName) {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  }
}, SET_UP_TIMEOUT_MS);
