/**
 * The request's context for the database layer, set last before Remix: its
 * id (named in each transaction's application_name, decision 102) and which
 * database its lag-tolerant reads use when a read replica is
 * configured (decision 101). A request that writes (any method but GET/HEAD)
 * reads from the primary throughout, and so does the same browser for a few
 * seconds afterwards (a cookie), so the page after a change shows the change —
 * the rule Rails's DatabaseSelector applies with its 2-second delay.
 * Everything else reads search, reports and public pages from the replica.
 */
import type { RequestHandler } from "express";
import { withQueryContext } from "../../db/client";

export const WROTE_COOKIE = "linkway_wrote";
/** Longer than a healthy replica's lag (well under a second) with room for a redirect and a slow page. */
export const PRIMARY_AFTER_WRITE_SECONDS = 5;

function hasCookie(header: string | undefined, name: string): boolean {
  return (header ?? "").split(";").some((part) => part.trim().startsWith(`${name}=`));
}

export function requestQueryContext(config: { DATABASE_REPLICA_URL?: string; PUBLIC_URL?: string }): RequestHandler {
  const secure = (config.PUBLIC_URL ?? "").startsWith("https://") ? "; Secure" : "";
  return (req, res, next) => {
    // Set by requestLog(); carried here, last, because a middleware that reads the body calls on from a stream event, outside any context set earlier.
    const requestId = typeof res.locals.requestId === "string" ? res.locals.requestId : undefined;
    // Without a replica every read is on the primary already: no cookie, nothing to decide.
    if (!config.DATABASE_REPLICA_URL) return withQueryContext({ requestId }, next);
    const writes = req.method !== "GET" && req.method !== "HEAD";
    if (writes) res.append("Set-Cookie", `${WROTE_COOKIE}=1; Max-Age=${PRIMARY_AFTER_WRITE_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure}`);
    const primary = writes || hasCookie(req.get("cookie"), WROTE_COOKIE);
    withQueryContext({ requestId, primary }, next);
  };
}
