/**
 * Operations endpoints and request logging, served by express before Remix:
 * `/readyz` (database, migrations, a live worker), `/metrics` (Prometheus,
 * behind METRICS_TOKEN) and one structured log line per request with its id.
 * They live here rather than in app/routes because they read files beside
 * `db/` (the migration journal) and time every request, static files included.
 */
import type { RequestHandler } from "express";
import crypto from "node:crypto";
import { checkReadiness, observeRequest, renderMetrics } from "../../app/modules/system/index.server";
import type { Env } from "../../app/utils/env.server";
import { logger } from "../../app/utils/logger.server";

/** An id a proxy sent (X-Request-Id) when it looks like one, otherwise a new one. */
function requestId(sent: string | undefined): string {
  return sent && /^[\w.:-]{8,64}$/.test(sent) ? sent : crypto.randomUUID();
}

export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const id = requestId(req.get("x-request-id"));
    const started = process.hrtime.bigint();
    res.locals.requestId = id;
    res.set("X-Request-Id", id);
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The path only: query strings can hold search words and tokens; never the person's link or cookies.
      const pathname = req.path;
      observeRequest({ method: req.method, pathname, status: res.statusCode, seconds });
      if (pathname.startsWith("/assets/") || pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics") return;
      logger.info({ reqId: id, method: req.method, route: routeForLog(pathname), status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
    });
    next();
  };
}

/** Private links (/r/…, /register/…) carry secrets in the path: logs keep only their route. */
function routeForLog(pathname: string): string {
  return pathname.replace(/^\/(r|register|reset-password|invitations|signup\/confirm|account\/confirm-email)\/[^/]+/, "/$1/:token");
}

export function operations(config: Pick<Env, "METRICS_TOKEN">): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/readyz") {
      void checkReadiness().then((readiness) => {
        res.status(readiness.ready ? 200 : 503).set("Cache-Control", "no-store").json(readiness);
      }, next);
      return;
    }
    if (req.path === "/metrics") {
      const token = config.METRICS_TOKEN;
      const sent = req.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      // Without a token there are no metrics to find: the same 404 as any unknown page.
      if (!token) return next();
      const ok = sent.length === token.length && crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(token));
      if (!ok) {
        res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text/plain").send("A metrics token is needed.\n");
        return;
      }
      void renderMetrics().then(({ contentType, body }) => {
        res.status(200).set({ "Cache-Control": "no-store", "Content-Type": contentType }).send(body);
      }, next);
      return;
    }
    next();
  };
}
