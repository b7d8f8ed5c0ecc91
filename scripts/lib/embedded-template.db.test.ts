import { sql } from "drizzle-orm";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseOptionsFromEnv, openDatabase, queryRows } from "../../db/client";
import { embeddedTemplatePath, templateForNewDataDir } from "../../db/embedded-template";
import { migrateDatabase, migrationsFolder } from "../../db/migrate";
import { writeMigratedTemplate } from "./embedded-template";

const root = mkdtempSync(path.join(tmpdir(), "linkway-template-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const migrations = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

describe("a new embedded database starts from the install's migrated template", () => {
  it("is used for a new data directory only, and gives a database with every migration applied", async () => {
    const dataDir = path.join(root, "data");
    const env = { NODE_ENV: "test", DATA_DIR: dataDir } as NodeJS.ProcessEnv;
    // Before the install made one, a new database is created as before.
    expect(templateForNewDataDir(path.join(dataDir, "pglite"), root)).toBeUndefined();

    // This checkout's install made one (copied: seconds saved); if it could not, one is made as install makes it.
    const template = embeddedTemplatePath(root);
    const installed = embeddedTemplatePath(process.cwd());
    mkdirSync(path.dirname(template), { recursive: true });
    if (existsSync(installed)) copyFileSync(installed, template);
    else await writeMigratedTemplate(template);
    expect(templateForNewDataDir(path.join(dataDir, "pglite"), root)).toBe(template);
    expect(templateForNewDataDir("memory://", root)).toBeUndefined();

    // The options the site opens its database with choose the template themselves.
    const options = databaseOptionsFromEnv(env, root);
    expect(options.loadDataDir).toBe(template);
    const first = await openDatabase(options);
    try {
      const [{ applied }] = await queryRows<{ applied: number }>(first.db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`);
      expect(applied).toBe(migrations);
      await migrateDatabase(first);
      await first.db.execute(sql`insert into categories (slug, name) values ('kept', 'Kept across restarts')`);
    } finally {
      await first.close();
    }

    // Once the directory holds a database, it is opened, never loaded over.
    expect(templateForNewDataDir(path.join(dataDir, "pglite"), root)).toBeUndefined();
    expect(databaseOptionsFromEnv(env, root).loadDataDir).toBeUndefined();
    const again = await openDatabase(databaseOptionsFromEnv(env, root));
    try {
      expect(await queryRows(again.db, sql`select name from categories where slug = 'kept'`)).toEqual([{ name: "Kept across restarts" }]);
    } finally {
      await again.close();
    }
  });

  it("is never used with PostgreSQL", () => {
    expect(databaseOptionsFromEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x", DATA_DIR: path.join(root, "other") } as NodeJS.ProcessEnv, root).loadDataDir).toBeUndefined();
  });
});
