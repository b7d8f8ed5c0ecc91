/**
 * Run after every install (`postinstall`): makes Remix's route matching on the
 * server reuse its work instead of redoing it for every call (decision 053).
 *
 * @remix-run/router's `matchRoutes` flattens and ranks the whole route tree and
 * compiles a regular expression for every route it tries, on every call, and a
 * page request calls it four to six times (the request handler, the data
 * query, the render, the list of routes sent to the browser). With ~120 routes
 * that was the largest single cost of a page: 12% of the server's CPU under
 * load, more than React's rendering. Here the compiled expression is kept per
 * route path, and the ranked list per route tree.
 *
 * Only the CommonJS file is changed, which only Node loads: the browser build
 * uses the ES module file, untouched, because the browser adds routes to its
 * tree as it discovers them (a kept ranking would go stale there). On the
 * server the route trees are built once, or once per request, and never
 * changed afterwards.
 *
 * Idempotent; fails the install loudly if the library's code has changed
 * shape, so an upgrade cannot silently drop the fix. Plain Node (no tsx): it
 * runs before anything else is installed.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const marker = "/* linkway: route matching reuses its work (decision 053) */";

const edits = [
  {
    find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);",
    replace: "  let branches = rankedBranches(routes);\n  let matches = null;\n  let decoded = decodePath(pathname);",
  },
  {
    find: "function compilePath(path, caseSensitive, end) {\n",
    replace: `${marker}
const rankedBranchesByTree = new WeakMap();
function rankedBranches(routes) {
  let branches = rankedBranchesByTree.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranchesByTree.set(routes, branches);
  }
  return branches;
}
// A pure function of its arguments; the expression has no global flag, so sharing it is safe.
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    compiled = compilePathUncached(path, caseSensitive, end);
    if (compiledPaths.size < 10000) compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {
`,
  },
];

function routerFile() {
  // Resolved from @remix-run/server-runtime, the copy the server actually loads.
  const require = createRequire(import.meta.url);
  try {
    const runtime = require.resolve("@remix-run/server-runtime", { paths: [process.cwd()] });
    return createRequire(runtime).resolve("@remix-run/router");
  } catch {
    return undefined;
  }
}

const file = routerFile();
if (!file || !existsSync(file)) {
  // An install without Remix (e.g. `npm prune`'s partial trees) has nothing to patch.
  console.log("patch-dependencies: @remix-run/router not installed; nothing to do.");
  process.exit(0);
}
let source = readFileSync(file, "utf8");
if (source.includes(marker)) {
  console.log(`patch-dependencies: ${path.relative(process.cwd(), file)} already patched.`);
  process.exit(0);
}
for (const edit of edits) {
  if (source.split(edit.find).length !== 2) {
    console.error(
      `patch-dependencies: ${file} does not have the code this patch expects (a new @remix-run/router?).\n` +
        "Check docs/decisions/053 and update scripts/patch-dependencies.mjs.",
    );
    process.exit(1);
  }
  source = source.replace(edit.find, () => edit.replace);
}
writeFileSync(file, source);
console.log(`patch-dependencies: patched ${path.relative(process.cwd(), file)} (route matching reuses its work).`);
