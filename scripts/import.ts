/**
 * npm run import -- <file|url> [--org <organisation id>] [--as <email>] [--format csv|hsds] [--dry-run]
 *
 * The import page from the command line: the same checks, the same preview
 * (printed per row), the same all-or-nothing confirm. Without --org the file
 * must be an HSDS feed imported as an admin into the organisations it names.
 * --as names the account the import is made as (an admin or a member of the
 * organisation); by default the first administrator.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { asc, eq } from "drizzle-orm";
import { closeDatabase, getDb } from "../db/client";
import { users } from "../db/schema";
import { confirmImport, previewImport } from "../app/modules/interop/index.server";
import { loadConfig } from "./lib/config";

loadConfig();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { org: { type: "string" }, as: { type: "string" }, format: { type: "string" }, "dry-run": { type: "boolean" } },
});
const source = positionals[0];
if (!source) {
  console.error("Usage: npm run import -- <file|url> [--org <organisation id>] [--as <email>] [--format csv|hsds] [--dry-run]");
  process.exit(2);
}
const isUrl = /^https?:\/\//i.test(source);
const format = (values.format ?? (isUrl || /\.json$/i.test(source) ? "hsds" : "csv")) as "csv" | "hsds";
if (format !== "csv" && format !== "hsds") {
  console.error("--format must be csv or hsds");
  process.exit(2);
}

const db = await getDb();
const [user] = values.as
  ? await db.select().from(users).where(eq(users.email, values.as.toLowerCase()))
  : await db.select().from(users).where(eq(users.isAdmin, true)).orderBy(asc(users.createdAt)).limit(1);
if (!user) {
  console.error(values.as ? `No account with the email ${values.as}` : "No administrator account; name one with --as <email>");
  process.exit(2);
}

function progress(done: number, total: number) {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\rChecking [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
}

const actor = { userId: user.id };
const organisationId = values.org ?? null;
const now = new Date();
let exitCode = 0;
try {
  const preview = await previewImport({
    actor,
    organisationId,
    format,
    ...(isUrl ? { url: source } : { file: { name: basename(source), text: await readFile(source, "utf8") } }),
    now,
    onProgress: progress,
  });
  if (!preview.ok) {
    console.error(`Nothing imported: ${preview.message}`);
    exitCode = 1;
  } else {
    for (const row of preview.rows) {
      if (row.outcome !== "unchanged") console.log(`${String(row.row).padStart(4)}  ${row.outcome.padEnd(9)}  ${row.title}${row.reasons.length ? `\n        ${row.reasons.join("\n        ")}` : ""}`);
    }
    const { create, update, unchanged, rejected } = preview.counts;
    console.log(`Summary: ${create} to add, ${update} to update, ${unchanged} unchanged, ${rejected} rejected.`);
    if (rejected) {
      console.error("Nothing imported: fix the rejected rows and run the import again.");
      exitCode = 1;
    } else if (values["dry-run"]) console.log("Dry run: nothing imported.");
    else {
      const confirmed = await confirmImport({ actor, previewId: preview.previewId, organisationId, now });
      if (confirmed.ok) console.log(`Imported: ${create} added, ${update} updated, ${unchanged} unchanged.`);
      else {
        console.error(confirmed.message);
        exitCode = 1;
      }
    }
  }
} catch (error) {
  console.error(error instanceof Response ? `Nothing imported: ${await error.text()}` : error);
  exitCode = 1;
}
await closeDatabase();
process.exit(exitCode);
