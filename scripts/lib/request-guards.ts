/**
 * Express middleware applied to every request before static files and Remix:
 * the client's address for rate limits and the audit log, and the CSRF check
 * (a pure function in app/modules/accounts/csrf.server.ts).
 */
import type { RequestHandler } from "express";
import { CLIENT_IP_HEADER, checkRequestOrigin, crossSiteRefusal } from "../../app/modules/accounts/index.server";
import type { Env } from "../../app/utils/env.server";
import { isDevToolPath, isLoopbackHost, type DevToolsAccess } from "../../app/utils/dev-tools.server";

/** Overwrites any client-sent value, so the header can be trusted downstream. */
export function stampClientIp(): RequestHandler {
  return (req, _res, next) => {
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? "";
    next();
  };
}

/**
 * Server-to-server callbacks (the SMS provider's delivery receipts and
 * replies) carry no Origin and no cookies: they are checked by a bearer
 * token instead (TEXT_CALLBACK_TOKEN), so cross-site forgery has nothing to ride on.
 */
const callbackPaths = ["/api/texts/"];

export function csrfProtection(config: Pick<Env, "PUBLIC_URL" | "PORT">): RequestHandler {
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
  return (req, res, next) => {
    if (callbackPaths.some((p) => req.path.startsWith(p))) return next();
    const check = checkRequestOrigin({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      host: req.get("host"),
      publicUrl,
    });
    if (check.allowed) return next();
    res.status(403).type("text/plain; charset=utf-8").send(crossSiteRefusal);
  };
}

/**
 * The development tools answer 404 unless this is a local demo site (see
 * devToolsAccess) and the request comes straight from this computer: the
 * socket's own address, not one a proxy names, and no proxy's headers at all
 * (a proxy on this computer would otherwise make every visitor look local).
 */
export function devToolsGate(access: DevToolsAccess): RequestHandler {
  return (req, res, next) => {
    if (!isDevToolPath(req.path)) return next();
    const direct = req.get("x-forwarded-for") === undefined && req.get("forwarded") === undefined;
    if (access.open && direct && isLoopbackHost(req.socket.remoteAddress ?? "")) return next();
    res.status(404).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send("Not found");
  };
}
