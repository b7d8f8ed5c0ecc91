/**
 * Makes the embedded database's template (db/embedded-template.ts) at install,
 * unless the one for the current migrations and PGlite exists.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { embeddedTemplatePath } from "../../db/embedded-template";
import { migrateDatabase } from "../../db/migrate";

/** Makes the template unless it exists; returns its path, and whether it was made now. */
export async function ensureEmbeddedTemplate(root = process.cwd()): Promise<{ path: string; made: boolean }> {
  const target = embeddedTemplatePath(root);
  if (existsSync(target)) return { path: target, made: false };
  await writeMigratedTemplate(target);
  return { path: target, made: true };
}

/** A fresh in-memory PGlite, migrated, dumped to `target` (tar.gz); the test suite's template is made the same way. */
export async function writeMigratedTemplate(target: string): Promise<void> {
  const handle = await openDatabase({ dataDir: "memory://" });
  try {
    await migrateDatabase(handle);
    const pglite = (handle as unknown as { pglite: { dumpDataDir: (compression: "gzip") => Promise<Blob> } }).pglite;
    writeAside(target, Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer()));
  } finally {
    await handle.close();
  }
}

/**
 * The install's template for these migrations (made now if missing or stale), unpacked to `target` as a plain
 * tar: the test suite loads it once per file, and an uncompressed one opens ~0.2 s sooner.
 */
export async function unpackEmbeddedTemplate(target: string): Promise<void> {
  const { path: installed } = await ensureEmbeddedTemplate();
  writeAside(target, gunzipSync(readFileSync(installed)));
}

/** Written aside and renamed, so an interrupted install or run never leaves half a template to start from. */
function writeAside(target: string, data: Buffer): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, target);
}
