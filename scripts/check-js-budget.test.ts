import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUDGET_KB, PAGES } from "./check-js-budget";

// A build with the same shape as Remix's: the server build exports the browser manifest.
function fakeBuild(searchRouteKb: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "js-budget-"));
  mkdirSync(path.join(dir, "server"));
  mkdirSync(path.join(dir, "client/assets"), { recursive: true });
  const file = (name: string, bytes: Buffer | string) => writeFileSync(path.join(dir, "client/assets", name), bytes);
  file("manifest.js", "window.__remixManifest={}");
  file("entry.js", "import './framework.js'");
  file("framework.js", "export const react = 1;");
  file("root.js", "export default 1;");
  file("page.js", "export default 2;");
  // Random bytes do not compress: this file weighs what it says once gzipped.
  file("heavy.js", randomBytes(searchRouteKb * 1024));
  const route = (parentId: string | undefined, imports: string[] = []) => ({ parentId, module: "/assets/page.js", imports });
  const routes: Record<string, unknown> = { root: { module: "/assets/root.js", imports: [] } };
  for (const id of Object.values(PAGES)) routes[id] = route("root");
  routes["routes/search"] = route("root", ["/assets/heavy.js"]);
  const assets = { url: "/assets/manifest.js", entry: { module: "/assets/entry.js", imports: ["/assets/framework.js"] }, routes };
  writeFileSync(path.join(dir, "server/index.js"), `export const assets = ${JSON.stringify(assets)};`);
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(searchRouteKb: number, ...flags: string[]) {
  const dir = fakeBuild(searchRouteKb);
  dirs.push(dir);
  return spawnSync("npx", ["tsx", "scripts/check-js-budget.ts", dir, ...flags], { encoding: "utf8" });
}

describe("the JavaScript budget", () => {
  it("passes a build whose public pages are all under budget", () => {
    const result = run(BUDGET_KB - 10);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ok +\/search /m);
  });

  it("fails the build when one page's first load is over, naming the page", () => {
    const result = run(BUDGET_KB + 5);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^OVER \/search +1\d\d\.\d kB/m);
    expect(result.stdout).toMatch(/^ok +\/ /m);
    expect(result.stderr).toContain(`over the ${BUDGET_KB} kB budget`);
  });

  it("only warns with --warn, as an install does", () => {
    const result = run(BUDGET_KB + 5, "--warn");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^OVER \/search/m);
    expect(result.stderr).toContain("npm run build");
  });
});
