/**
 * The HTTP edge of the HSDS API, shared by its routes: open to any site's
 * browser (CORS *), read-only, JSON errors that name the parameter.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonError } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";
import { parseHsdsListParams, type HsdsListParams } from "./hsds-params";

export const openDataHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Accept",
  "Access-Control-Max-Age": "86400",
};

export function openDataJson(body: unknown, status = 200): Response {
  return Response.json(body, {
    status,
    headers: { ...openDataHeaders, "Cache-Control": status === 200 ? "public, max-age=300" : "no-store" },
  });
}

function preflight(request: Request): Response | null {
  return request.method === "OPTIONS" ? new Response(null, { status: 204, headers: openDataHeaders }) : null;
}

export function openDataNotFound(what: string): Response {
  return jsonError(404, `No ${what} with that id is published here.`, undefined, { headers: openDataHeaders });
}

/** A loader for a paged list: parse the parameters (400 naming a bad one), then one verb. */
export function hsdsListLoader(list: (params: HsdsListParams) => Promise<unknown>) {
  return async ({ request }: LoaderFunctionArgs) => {
    const early = preflight(request);
    if (early) return early;
    const parsed = parseHsdsListParams(readQuery(request));
    if (!parsed.ok) return jsonError(400, parsed.error, parsed.field, { headers: openDataHeaders });
    return openDataJson(await list(parsed.params));
  };
}

/** A loader for one object by id: 404 JSON when it is not published. */
export function hsdsItemLoader(what: string, get: (id: string) => Promise<unknown> | unknown) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const early = preflight(request);
    if (early) return early;
    const found = await get(params.id ?? "");
    return found ? openDataJson(found) : openDataNotFound(what);
  };
}

/** Anything but GET: the API is read-only. */
export function readOnlyAction(): Response {
  return jsonError(405, "This API is read-only: use GET.", undefined, { headers: { ...openDataHeaders, Allow: "GET, OPTIONS" } });
}
