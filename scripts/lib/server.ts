import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import sirv from "sirv";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { Env } from "../../app/utils/env.server";
import { securityHeaders } from "../../app/utils/security-headers.server";
import { answerInvalidFormsWith400 } from "../../app/utils/invalid-form-status.server";
import { csrfProtection, devToolsGate, stampClientIp } from "./request-guards";
import { devToolsAccess, listenHost } from "../../app/utils/dev-tools.server";
import { bodyLimits } from "./body-limits";
import { operations, requestLog } from "./operations";
import { requestQueryContext } from "./query-context";
import { remixHandler } from "./remix-adapter";
import { PageCache } from "./page-cache";
import { serverBuildPath } from "./build";

/**
 * What every request passes before static files and Remix, in this order: the
 * client's address, the development tools' gate (404 unless a local demo
 * site and a local request), the one origin rule (403), then the body limits
 * (413/415/400) — so a refused request costs no parsing. Tests build their servers with
 * this same function.
 */
export function applyRequestGuards(app: express.Express, config: Pick<Env, "PUBLIC_URL" | "PORT" | "HOST">) {
  app.use(stampClientIp());
  app.use(devToolsGate(devToolsAccess(config)));
  app.use(csrfProtection(config));
  app.use(bodyLimits());
}

/** The HTTP server: security headers on every response, static files, then Remix. */
export async function createServer(options: { dev: boolean; config: Env; port?: number }) {
  const { dev, config } = options;
  const https = (config.PUBLIC_URL ?? "").startsWith("https://");
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  // Request ids, logs and timings first, so refused requests are counted too.
  app.use(requestLog());
  app.use(operations(config));

  app.use((_req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, tileUrl: config.TILE_URL, https, dev }));
    next();
  });
  applyRequestGuards(app, config);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite = async () => {};
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = async () => answerInvalidFormsWith400((await viteServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild);
    closeVite = () => viteServer.close();
  } else {
    build = answerInvalidFormsWith400((await import(pathToFileURL(serverBuildPath).href)) as ServerBuild);
    app.use(staticFiles("build/client"));
  }
  // Pages and JSON only (static files arrive compressed already, see staticFiles),
  // at the cheapest settings: a 37 kB search page costs under 1 ms and still
  // shrinks to a quarter, where brotli's default (quality 4) took ~8× longer
  // for 7% fewer bytes. Gzip, not brotli, even for browsers that take both:
  // at these settings gzip was both quicker and smaller on our pages (search
  // page 0.24 vs 0.34 ms, 8.6 vs 8.9 kB; decision 053).
  if (config.COMPRESS_RESPONSES) compressDynamicResponses(app);

  // Last before Remix, so the handler runs inside the routing it decides.
  app.use(requestQueryContext(config));
  app.all(
    "*",
    remixHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
      // Built pages only: in development the code under a kept page changes as it is edited.
      pageCache: dev ? undefined : { cache: new PageCache(), compress: config.COMPRESS_RESPONSES },
    }),
  );

  const host = listenHost(config);
  const port = options.port ?? config.PORT;
  const server = host === undefined ? app.listen(port) : app.listen(port, host);
  // A client that trickles a request in ties up a connection, never the CPU; still, not for ever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await closeVite();
    },
  };
}

/** Compresses what follows (pages and JSON) in gzip at level 1; tests build their servers with this same function. */
export function compressDynamicResponses(app: express.Express) {
  app.use(gzipForDynamicResponses);
  app.use(compression({ threshold: 1024, level: 1 }));
}

/**
 * The compression middleware prefers brotli whenever a browser accepts it, and
 * has no setting for it; static files never reach it, so only pages and JSON
 * are answered in gzip instead.
 */
const gzipForDynamicResponses: express.RequestHandler = (req, _res, next) => {
  const accepted = req.headers["accept-encoding"];
  if (accepted && /\bgzip\b/i.test(accepted) && /\bbr\b/i.test(accepted)) {
    req.headers["accept-encoding"] = accepted
      .split(",")
      .filter((part) => part.trim().split(";")[0].toLowerCase() !== "br")
      .join(",");
  }
  next();
};

/**
 * The built client files, listed once at start-up (no disk `stat` per request,
 * so a page request falls through to Remix at once) and served as the `.br` or
 * `.gz` the build wrote beside each file: nothing is compressed per request.
 * Hashed `/assets/` never change under one name, so browsers keep them a year.
 */
function staticFiles(dir: string) {
  return sirv(dir, {
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: [],
    maxAge: 3600,
    setHeaders: (res, pathname) => {
      if (pathname.startsWith("/assets/")) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    },
  });
}
