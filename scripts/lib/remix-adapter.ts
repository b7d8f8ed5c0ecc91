/**
 * Express → Remix, as @remix-run/express does it, with three differences
 * (the third: private answers get `Cache-Control: private, no-store`, see
 * private-caching.server.ts), and these two:
 * the body is the one `bodyLimits` already read and bounded (never the raw
 * socket stream), and the `Origin` header is not passed on. Our origin rule
 * (csrfProtection) has already accepted or refused the request; Remix's own
 * second check compares Origin with Host and throws a 500 when a reverse
 * proxy rewrites Host, so it must not see a header it would misjudge.
 */
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { acceptedBody } from "./body-limits";
import { cacheControlFor } from "../../app/utils/private-caching.server";

function remixHeaders(incoming: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  headers.delete("origin");
  return headers;
}

async function sendRemixResponse(req: ExpressRequest, res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  // Private pages are never cached (see private-caching.server.ts); one place for every page, data request and file.
  const cacheControl = cacheControlFor(req.path, req.headers.cookie, response.headers.get("Cache-Control"));
  if (cacheControl) res.set("Cache-Control", cacheControl);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname respects `trust proxy`; the port comes from X-Forwarded-Host or Host.
  const port = [req.get("X-Forwarded-Host"), req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = remixHeaders(req.headers);
  let controller: AbortController | null = new AbortController();
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = new Uint8Array(acceptedBody(req) ?? []);
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handle = createRemixHandler(options.build, options.mode);
  return async (req, res, next) => {
    try {
      const response = await handle(remixRequest(req, res), options.getLoadContext(req, res));
      await sendRemixResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}
