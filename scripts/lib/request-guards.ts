/**
 * Express middleware applied to every request before static files and Remix:
 * the client's address for rate limits and the audit log, and the CSRF check
 * (a pure function in app/modules/accounts/csrf.server.ts).
 */
import type { RequestHandler } from "express";
import { CLIENT_IP_HEADER, checkRequestOrigin, crossSiteRefusal } from "../../app/modules/accounts/index.server";
import type { Env } from "../../app/utils/env.server";

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
