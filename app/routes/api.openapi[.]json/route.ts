import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument, openDataHeaders, openDataJson } from "~/modules/interop/index.server";
import { publicUrl } from "~/utils/env.server";

export function loader({ request }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: openDataHeaders });
  return openDataJson(openApiDocument(publicUrl()));
}
