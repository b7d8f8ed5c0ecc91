/**
 * Makes the embedded database's template (db/embedded-template.ts) at install,
 * unless the one for the current migrations and PGlite exists.
 */
import { mkdirSync, renameSync, writeFileSync, existsSync } from "node:fs";
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
    const dump = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
    mkdirSync(path.dirname(target), { recursive: true });
    // Written aside and renamed, so an interrupted install never leaves half a template to start from.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, target);
  } finally {
    await handle.close();
  }
}
