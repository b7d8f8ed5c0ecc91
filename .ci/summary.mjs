// Prints per-suite counts and one closing line "N passed, N failed" from the JSON reports.
import { readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [label, file] of [["vitest on PGlite", "vitest-pglite.json"], ["vitest on PostgreSQL", "vitest-postgres.json"]]) {
  const r = read(file);
  const p = r.numPassedTests, f = r.numFailedTests, s = r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`${label}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p; failed += f; skipped += s;
}
const pw = read("playwright.json").stats;
console.log(`playwright e2e: ${pw.expected + pw.flaky} passed, ${pw.unexpected} failed, ${pw.skipped} skipped`);
passed += pw.expected + pw.flaky; failed += pw.unexpected; skipped += pw.skipped;
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
