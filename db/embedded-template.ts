/**
 * A migrated, empty embedded database, made once when Linkway is installed
 * (`npm install` runs scripts/build-if-needed.ts), so the first `npm start`
 * copies it instead of creating a database (PGlite's initdb, about 5 s on a
 * 2-core machine) and running every migration. Its name is a hash of the
 * migrations and the PGlite version, so a stale one is never used: the
 * database is then created as before. See decision 105.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { migrationsFolder } from "./migrate";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** PGlite exports no package.json, so read the one above its entry point. */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Where the template for the current migrations and PGlite lives (under `.cache/`, which is never committed, and which a build does not empty). */
export function embeddedTemplatePath(root = process.cwd()): string {
  const hash = createHash("sha256");
  hash.update(`pglite ${pgliteVersion()}\n`);
  for (const file of filesUnder(migrationsFolder)) hash.update(`${path.relative(migrationsFolder, file)}\n`).update(readFileSync(file));
  return path.join(root, ".cache", "embedded-database", `${hash.digest("hex").slice(0, 16)}.tar.gz`);
}

/**
 * The template to start a data directory from: only when the directory holds
 * no database yet (PGlite refuses to load over one), and only if the template
 * for these migrations has been made.
 */
export function templateForNewDataDir(dataDir: string, root = process.cwd()): string | undefined {
  if (dataDir.startsWith("memory://")) return undefined;
  if (existsSync(path.join(path.resolve(dataDir), "PG_VERSION"))) return undefined;
  try {
    const template = embeddedTemplatePath(root);
    return existsSync(template) && statSync(template).size > 0 ? template : undefined;
  } catch {
    // No migrations folder to hash (a bundle run from elsewhere): create the database as before.
    return undefined;
  }
}
