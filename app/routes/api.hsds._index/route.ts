import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsdsRoot, openDataHeaders, openDataJson, readOnlyAction } from "~/modules/interop/index.server";

export function loader({ request }: LoaderFunctionArgs) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: openDataHeaders });
  return openDataJson(hsdsRoot());
}
export const action = readOnlyAction;
