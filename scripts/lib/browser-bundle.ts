/**
 * What the browser build leaves out, so a public page's first load stays under
 * the JavaScript budget (scripts/check-js-budget.ts, docs/decisions/051).
 */
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

/**
 * Our own TypeScript files do nothing when imported but define things, so a page
 * that uses one label from a module's browser face (`~/modules/activities`)
 * does not also get everything else the face re-exports (rrule, the activity
 * form's schema). Rollup otherwise keeps each re-exported file "for its side
 * effects" and its imports with it. A file that must run on import would have
 * to be imported for what it exports; none of ours is.
 */
export function moduleSideEffects(id: string, external: boolean): boolean {
  if (external) return true;
  return !/\/app\/(modules|components|utils)\/.+\.tsx?$/.test(id);
}

const zodJsonSchemaFiles = /\/zod\/v4\/core\/(to-json-schema|json-schema-processors)\.js$/;
const stubPrefix = "\0zod-json-schema-stub:";

/**
 * Zod's classic schemas carry a `toJSONSchema()` method, so every page that
 * validates a form would ship zod's JSON Schema generator (~8 kB compressed).
 * Browsers never make JSON Schemas here (the OpenAPI document is built on the
 * server), so in the browser build those two files become stubs with the same
 * exports that throw if ever called. The server build keeps the real ones.
 */
export function zodWithoutJsonSchemaInBrowser(): Plugin {
  return {
    name: "linkway:zod-without-json-schema-in-browser",
    enforce: "pre",
    apply: (_config, env) => env.command === "build" && !env.isSsrBuild,
    async resolveId(source, importer, options) {
      if (options.ssr || !importer?.includes("/zod/")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !zodJsonSchemaFiles.test(resolved.id)) return null;
      return stubPrefix + resolved.id;
    },
    load(id) {
      if (!id.startsWith(stubPrefix)) return null;
      const real = readFileSync(id.slice(stubPrefix.length), "utf8");
      const names = new Set<string>();
      for (const m of real.matchAll(/^export (?:const|function|class|let) (\w+)/gm)) names.add(m[1]!);
      for (const m of real.matchAll(/^export \{([^}]*)\}/gm))
        for (const part of m[1]!.split(",")) names.add(part.trim().split(/\s+as\s+/).pop()!);
      names.delete("");
      const lines = [
        `function unavailable() { throw new Error("Zod's JSON Schema support is left out of the browser build (scripts/lib/browser-bundle.ts)."); }`,
        ...[...names].map((name) => `export const ${name} = unavailable;`),
      ];
      return lines.join("\n");
    },
  };
}

/**
 * Fewer, larger files: the framework every page needs (React, Remix and its
 * router) in one, and zod with Conform (a form's schema and the hooks that run
 * it) in another that pages without a form never load. Naming the framework
 * explicitly also stops Rollup from pulling React into the forms file, which
 * Conform depends on. Everything else keeps Rollup's per-route split.
 */
export function manualChunks(id: string): string | undefined {
  if (/\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/[^/]+|turbo-stream)\//.test(id)) return "framework";
  if (/\/node_modules\/(zod|@conform-to\/[^/]+)\//.test(id)) return "forms";
  return undefined;
}
