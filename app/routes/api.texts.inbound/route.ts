import type { ActionFunctionArgs } from "@remix-run/node";
import { handleTextReply } from "~/modules/actions/index.server";
import { callbackAuthorised, receivedTextSchema } from "~/modules/notifications/index.server";
import { jsonError } from "~/utils/http.server";
import { readJson } from "~/utils/read-form.server";

/** POST /api/texts/inbound — a text someone sent us (bearer TEXT_CALLBACK_TOKEN): STOP, YES or NO to a nudge. */
export async function action({ request }: ActionFunctionArgs) {
  if (!callbackAuthorised(request)) return jsonError(401, "A valid bearer token is needed", undefined, { headers: { "WWW-Authenticate": "Bearer" } });
  const parsed = receivedTextSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, "Expected a JSON received text with source_number and message");
  const outcome = await handleTextReply(parsed.data.source_number, parsed.data.message);
  return Response.json({ outcome });
}

export function loader() {
  return jsonError(405, "Use POST", undefined, { headers: { Allow: "POST" } });
}
