import type { ActionFunctionArgs } from "@remix-run/node";
import { callbackAuthorised, deliveryReceiptSchema, recordTextStatus } from "~/modules/notifications/index.server";
import { jsonError } from "~/utils/http.server";
import { readJson } from "~/utils/read-form.server";

/** POST /api/texts/status — the SMS provider's delivery receipt (bearer TEXT_CALLBACK_TOKEN). */
export async function action({ request }: ActionFunctionArgs) {
  if (!callbackAuthorised(request)) return jsonError(401, "A valid bearer token is needed", undefined, { headers: { "WWW-Authenticate": "Bearer" } });
  const parsed = deliveryReceiptSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "Expected a JSON delivery receipt with a status and an id or reference");
  const matched = await recordTextStatus(parsed.data);
  return Response.json({ matched });
}

export function loader() {
  return jsonError(405, "Use POST", undefined, { headers: { Allow: "POST" } });
}
