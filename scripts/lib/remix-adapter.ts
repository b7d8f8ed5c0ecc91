/**
 * Express → Remix, as @remix-run/express does it, with three differences
 * (the third: private answers get `Cache-Control: private, no-store`, see
 * private-caching.server.ts), and these two:
 * the body is the one `bodyLimits` already read and bounded (never the raw
 * socket stream), and the `Origin` header is not passed on. Our origin rule
 * (csrfProtection) has already accepted or refused the request; Remix's own
 * second check compares Origin with Host and throws a 500 when a reverse
 * proxy rewrites Host, so it must not see a header it would misjudge.
 * In the built site it also keeps public pages for signed-out visitors for a
 * few seconds (page-cache.ts, decision 106).
 */
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { acceptedBody } from "./body-limits";
import { cacheControlFor, sharedMaxAgeSeconds } from "../../app/utils/private-caching.server";
import { pageKeyFor, sendKeptPage, type PageCache } from "./page-cache";
import { observePageCache } from "../../app/modules/system/index.server";

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

/** Methods that change nothing: every other request may write, so it drops the kept pages. */
const readOnlyMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  /** Public pages kept for a few seconds (decision 106); none in development or when not given. */
  pageCache?: { cache: PageCache; compress: boolean };
}): RequestHandler {
  const handle = createRemixHandler(options.build, options.mode);
  const kept = options.pageCache;
  return async (req, res, next) => {
    try {
      if (!kept) return await sendRemixResponse(req, res, await handle(remixRequest(req, res), options.getLoadContext(req, res)));
      const { cache, compress } = kept;
      if (!readOnlyMethods.has(req.method)) {
        // A write may change what any public page shows: drop them now, and again once it is done.
        cache.invalidate();
        res.once("close", () => cache.invalidate());
      }
      const page = pageKeyFor(req);
      if (page && !page.fresh) {
        let hit = cache.get(page.key);
        const rendering = hit ? undefined : cache.pending(page.key);
        if (rendering) {
          await rendering;
          hit = cache.get(page.key);
        }
        if (hit) {
          observePageCache("hit");
          return sendKeptPage(req, res, hit.page, hit.ageSeconds, compress);
        }
      }
      // Visitors wait for a render of a page that was kept before; any other page (a sign-in form, a health check)
      // is rendered for each of them at once, as if there were no cache.
      const render = page && cache.isShared(page.key) ? cache.begin(page.key) : undefined;
      const generation = render?.generation ?? cache.generationNow();
      try {
        const response = await handle(remixRequest(req, res), options.getLoadContext(req, res));
        const seconds = sharedMaxAgeSeconds(response.headers.get("Cache-Control"));
        if (!page || seconds === 0 || response.status !== 200 || response.headers.has("Set-Cookie") || !response.body) {
          return await sendRemixResponse(req, res, response);
        }
        const csp = res.getHeader("Content-Security-Policy");
        const { page: rendered, kept: stored } = await cache.keep(
          page.key,
          {
            status: response.status,
            headers: [...response.headers.entries()],
            csp: typeof csp === "string" ? csp : undefined,
            body: Buffer.from(await response.arrayBuffer()),
          },
          seconds,
          generation,
        );
        if (stored) observePageCache("kept");
        sendKeptPage(req, res, rendered, 0, compress);
      } finally {
        render?.end();
      }
    } catch (error) {
      next(error);
    }
  };
}
