import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { LongFilesFirst } from "./tests/setup/sequencer";

// Files that need a database: the integration tests, and `*.db.test.ts` beside the code they test.
const needsDatabase = ["tests/integration/**/*.test.ts", "**/*.db.test.ts"];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // CI collects counts from the JSON reports for its closing summary line.
    reporters: process.env.VITEST_JSON_OUT ? ["default", ["json", { outputFile: process.env.VITEST_JSON_OUT }]] : ["default"],
    pool: "forks",
    // Worker processes are reused between files; each project decides whether modules are (see below).
    poolOptions: { forks: { isolate: false } },
    sequence: { sequencer: LongFilesFirst },
    // Two cores on our machines; PGlite is memory-hungry, so keep workers few.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", LOG_LEVEL: "silent", SEED_DEMO: "false", RUN_WORKER: "false" },
    projects: [
      {
        // Pure rules, schemas and components: no database, so nothing to set up per file.
        extends: true,
        test: {
          name: "unit",
          poolOptions: { forks: { isolate: true } },
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts", "tests/architecture/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: needsDatabase,
          setupFiles: ["tests/setup/no-database.ts"],
        },
      },
      {
        // Each file gets its own copy of a migrated template, opened before its first test (per-file-database.ts).
        extends: true,
        test: {
          name: "integration",
          include: needsDatabase,
          poolOptions: { forks: { isolate: false } },
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/per-file-database.ts"],
        },
      },
    ],
  },
});
