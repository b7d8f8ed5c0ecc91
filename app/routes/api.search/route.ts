import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toApiResponse, parseSearchParams } from "~/modules/activities";
import { searchActivities } from "~/modules/activities/index.server";
import { jsonError } from "~/utils/http.server";
import { publicUrl } from "~/utils/env.server";
import { SHARED_PAGE_CACHE_CONTROL } from "~/utils/private-caching.server";

// Open data: any site may call this from a browser.
const cors = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Accept",
  "Access-Control-Max-Age": "86400",
};

// Remix sends GET, HEAD and OPTIONS to the loader of a resource route.
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
  const parsed = parseSearchParams(readQuery(request));
  if (!parsed.ok) return jsonError(400, parsed.error, parsed.field, { headers: cors });
  const result = await searchActivities(parsed.params);
  if (!result.ok) return jsonError(400, result.error, result.field, { headers: cors });
  const body = toApiResponse(result, publicUrl());
  // Public data, the same for every caller: a shared cache may keep it a few seconds (decision 106).
  return Response.json(body, { headers: { ...cors, "Cache-Control": SHARED_PAGE_CACHE_CONTROL } });
}

export async function action() {
  return jsonError(405, "Use GET.", undefined, { headers: { ...cors, Allow: "GET, OPTIONS" } });
}
