/**
 * The JavaScript a browser fetches on its first visit to each public page,
 * gzip-compressed, against a budget. Run after `remix vite:build` (the build
 * script does); exits 1 when a page is over, so a heavy import fails the build
 * rather than reaching a referral recipient on a metered phone.
 *
 * `npm run build` fails when a page is over. `npm install` (the prepare step)
 * and `npm start` build too, but only warn: a new user's install must not be
 * left unusable by a page that got heavier; CI runs this script on its own.
 * `--warn` reports without failing.
 *
 * The file list comes from the Remix manifest in the server build: the client
 * entry, the manifest script itself, and each route module (with its imports)
 * from root down to the page. Lazy chunks (Leaflet) are not counted: they load
 * only when a map is shown.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_KB = 130;

/** The public pages a first-time visitor lands on, by route id. */
export const PAGES: Record<string, string> = {
  "/": "routes/_index",
  "/search": "routes/search",
  "/activities/:id": "routes/activities.$id",
  "/r/:token": "routes/r.$token",
};

interface RouteAssets {
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Assets {
  url: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, RouteAssets>;
}

export function firstLoadFiles(assets: Assets, routeId: string): string[] {
  const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports]);
  const chain: RouteAssets[] = [];
  let id: string | undefined = routeId;
  while (id) {
    const route: RouteAssets | undefined = assets.routes[id];
    if (!route) throw new Error(`No route ${id} in the build's manifest`);
    chain.unshift(route);
    id = route.parentId;
  }
  for (const route of chain) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

export async function measure(buildDir = "build"): Promise<{ page: string; kb: number; files: number }[]> {
  const server = (await import(pathToFileURL(resolve(buildDir, "server/index.js")).href)) as { assets: Assets };
  const gzipped = new Map<string, number>();
  const size = (file: string) => {
    let n = gzipped.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(join(buildDir, "client", file)), { level: 9 }).length;
      gzipped.set(file, n);
    }
    return n;
  };
  return Object.entries(PAGES).map(([page, routeId]) => {
    const files = firstLoadFiles(server.assets, routeId);
    const bytes = files.reduce((sum, f) => sum + size(f), 0);
    return { page, kb: Math.round((bytes / 1024) * 10) / 10, files: files.length };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const warnOnly = args.includes("--warn");
  const results = await measure(args.find((a) => !a.startsWith("--")) ?? "build");
  let over = false;
  for (const r of results) {
    const ok = r.kb <= BUDGET_KB;
    over ||= !ok;
    console.log(`${ok ? "ok  " : "OVER"} ${r.page.padEnd(16)} ${r.kb.toFixed(1).padStart(6)} kB gzip JS (${r.files} files), budget ${BUDGET_KB} kB`);
  }
  if (over) {
    console.error(`First-load JavaScript is over the ${BUDGET_KB} kB budget. Lazy-load the heavy import (see docs/decisions/050 and 051).`);
    if (!warnOnly) process.exit(1);
    console.error("(A warning here: `npm run build` and CI fail on it.)");
  }
}
