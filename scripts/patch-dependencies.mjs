/**
 * Run after every install (`postinstall`): makes Remix's route matching on the
 * server reuse its work instead of redoing it for every call (decision 053),
 * and drizzle's entity checks cheap (decision 110).
 *
 * @remix-run/router's `matchRoutes` flattens and ranks the whole route tree and
 * compiles a regular expression for every route it tries, on every call, and a
 * page request calls it four to six times (the request handler, the data
 * query, the render, the list of routes sent to the browser). With ~120 routes
 * that was the largest single cost of a page: 12% of the server's CPU under
 * load, more than React's rendering. Here the compiled expression is kept per
 * route path, and the ranked list per route tree. Decision 109 adds the rest:
 * each tree keeps its answer per path, and Remix's render and React Router's
 * static router keep their route trees per build instead of building two new
 * ones for every page. Decision 110 is of another kind: drizzle-orm's `is()`
 * lists each class's entity kinds once instead of walking the class chain on
 * every call.
 *
 * Only CommonJS files are changed, which only Node loads: the browser build
 * uses the ES module file, untouched, because the browser adds routes to its
 * tree as it discovers them (a kept ranking would go stale there). On the
 * server each route tree is built once per build and never changed afterwards.
 *
 * Idempotent; fails the install loudly if the library's code has changed
 * shape, so an upgrade cannot silently drop the fix. Plain Node (no tsx): it
 * runs before anything else is installed.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const marker = "/* linkway: route matching reuses its work (decision 053) */";
const treesMarker = "/* linkway: route trees are kept per build (decision 109) */";

const routerEdits = [
  {
    find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);",
    replace: [
      "  let branches = rankedBranches(routes);",
      "  let decoded = decodePath(pathname);",
      '  let key = (allowPartial ? "partial " : "whole ") + decoded;',
      "  let answers = answersOfBranches(branches);",
      "  let kept = answers.get(key);",
      "  if (kept === undefined) {",
      "    kept = firstMatchingBranch(branches, decoded, allowPartial);",
      "    if (answers.size >= 2000) answers.clear();",
      "    answers.set(key, kept);",
      "  }",
      "  return copyOfMatches(kept);",
      "}",
      "function firstMatchingBranch(branches, decoded, allowPartial) {",
      "  let matches = null;",
    ].join("\n"),
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
// Each tree's answers by path: walking every ranked branch until one matches tried a regular expression per route
// segment, a few hundred for a page, on each of the four to six matches a request makes. Bounded, as paths carry
// ids; each caller gets its own copy (the branch's matches share one params object, and so do the copies).
const answersByBranches = new WeakMap();
function answersOfBranches(branches) {
  let answers = answersByBranches.get(branches);
  if (!answers) answersByBranches.set(branches, (answers = new Map()));
  return answers;
}
function copyOfMatches(matches) {
  if (!matches) return null;
  let params = Object.assign({}, matches[0].params);
  return matches.map((match) => Object.assign({}, match, { params }));
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

// Remix's server render built two new route trees per request (its own, then React Router's data routes from it),
// so the ranking kept per tree above was thrown away and redone for every page, once per match. Both trees are pure
// functions of the build (its manifest and route modules), which lives as long as the process; keeping them per
// build lets every render match against trees the router has already ranked.
const remixServerEdits = [
  {
    find: "  let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);\n",
    replace: "  let routes$1 = serverRoutesOfBuild(manifest.routes, routeModules, context.future, context.isSpaMode);\n",
  },
  {
    find: "function RemixServer({\n",
    replace: `${treesMarker}
const serverRoutesByManifest = new WeakMap();
// The manifest's routes object lives as long as the build; the route modules object is made afresh for each
// request, from the same modules, so it is compared module by module.
function sameModules(a, b) {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
function serverRoutesOfBuild(manifestRoutes, routeModules, future, isSpaMode) {
  let kept = serverRoutesByManifest.get(manifestRoutes);
  if (!kept || kept.future !== future || kept.isSpaMode !== isSpaMode || !sameModules(kept.routeModules, routeModules)) {
    kept = { routeModules, future, isSpaMode, routes: routes.createServerRoutes(manifestRoutes, routeModules, future, isSpaMode) };
    serverRoutesByManifest.set(manifestRoutes, kept);
  }
  return kept.routes;
}
function RemixServer({
`,
  },
];

const staticRouterEdits = [
  {
    find: "  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);\n",
    replace: "  let { manifest, dataRoutes } = dataRoutesOf(routes);\n",
  },
  {
    find: "function createStaticRouter(routes, context, opts = {}) {\n",
    replace: `${treesMarker}
const dataRoutesByTree = new WeakMap();
function dataRoutesOf(routes) {
  let kept = dataRoutesByTree.get(routes);
  if (!kept) {
    let manifest = {};
    let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);
    kept = { manifest, dataRoutes };
    dataRoutesByTree.set(routes, kept);
  }
  return kept;
}
function createStaticRouter(routes, context, opts = {}) {
`,
  },
];

// Drizzle asks `is(value, Class)` several times for every piece of every statement it builds, and each "no" walked
// the value's class chain with an `in` check per class: a tenth of the CPU of a booking (decision 110). The kinds
// along a class's chain never change (they are static fields), so they are listed once per class.
const drizzleMarker = "/* linkway: is() lists each class's entity kinds once (decision 110) */";
const drizzleIsFind = `  let cls = Object.getPrototypeOf(value).constructor;
  if (cls) {
    while (cls) {
      if (entityKind in cls && cls[entityKind] === type[entityKind]) {
        return true;
      }
      cls = Object.getPrototypeOf(cls);
    }
  }
  return false;
}
`;
const drizzleEdits = [
  {
    find: drizzleIsFind,
    replace: `  let cls = Object.getPrototypeOf(value).constructor;
  return cls ? entityKindsOf(cls).has(type[entityKind]) : false;
}
${drizzleMarker}
const entityKindsByClass = new WeakMap();
function entityKindsOf(cls) {
  let kinds = entityKindsByClass.get(cls);
  if (!kinds) {
    kinds = new Set();
    for (let c = cls; c; c = Object.getPrototypeOf(c)) if (entityKind in c) kinds.add(c[entityKind]);
    entityKindsByClass.set(cls, kinds);
  }
  return kinds;
}
`,
  },
];

/** The file the last name of the chain resolves to, each name resolved from the file before it, as Node does on the server. */
function resolveFrom(chain) {
  try {
    let base = path.join(process.cwd(), "noop.js");
    for (const request of chain) base = createRequire(base).resolve(request);
    return base;
  } catch {
    return undefined;
  }
}

const matchingWhy = "route matching reuses its work";
const targets = [
  // The copy @remix-run/server-runtime loads (the one Node runs on the server).
  { chain: ["@remix-run/server-runtime", "@remix-run/router"], edits: routerEdits, marker, why: matchingWhy, decision: "053 and 109" },
  // CommonJS entry points only: Node loads these, the browser bundle takes the ES module files.
  { chain: ["@remix-run/react/dist/server.js"], edits: remixServerEdits, marker: treesMarker, why: matchingWhy, decision: "109" },
  { chain: ["@remix-run/react", "react-router-dom/server"], edits: staticRouterEdits, marker: treesMarker, why: matchingWhy, decision: "109" },
  {
    chain: ["drizzle-orm/entity"],
    // Drizzle ships the same function twice: `require` takes the .cjs file, Node's `import` (the app, tsx) the .js.
    files: (file) => [file, file.replace(/\.cjs$/, ".js")],
    edits: drizzleEdits,
    marker: drizzleMarker,
    why: "entity checks list each class's kinds once",
    decision: "110",
  },
];

let failed = false;
for (const target of targets) {
  const resolved = resolveFrom(target.chain);
  if (!resolved || !existsSync(resolved)) {
    // An install without Remix (e.g. `npm prune`'s partial trees) has nothing to patch.
    console.log(`patch-dependencies: ${target.chain.at(-1)} not installed; nothing to do.`);
    continue;
  }
  for (const file of target.files?.(resolved) ?? [resolved]) {
    let source = readFileSync(file, "utf8");
    const name = path.relative(process.cwd(), file);
    if (source.includes(target.marker)) {
      console.log(`patch-dependencies: ${name} already patched.`);
      continue;
    }
    if (target.edits.some((edit) => source.split(edit.find).length !== 2)) {
      console.error(
        `patch-dependencies: ${file} does not have the code this patch expects (a new version?).\n` +
          `Check docs/decisions ${target.decision} and update scripts/patch-dependencies.mjs.`,
      );
      failed = true;
      continue;
    }
    for (const edit of target.edits) source = source.replace(edit.find, () => edit.replace);
    writeFileSync(file, source);
    console.log(`patch-dependencies: patched ${name} (${target.why}).`);
  }
}
if (failed) process.exit(1);
