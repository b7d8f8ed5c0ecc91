/**
 * POST /sessions/:id/register/save — the register's saves as JSON, for the
 * page's script. Plain fetch rather than a Remix action, so a save that fails
 * offline does not trigger a page reload that would fail too.
 */
import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { clientContext, requireUser } from "~/modules/accounts/index.server";
import { runRegisterAction } from "~/modules/attendance/index.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const { result, status } = await runRegisterAction({
    formData: await readForm(request),
    sessionId: params.id ?? "",
    access: { type: "user", userId: user.id, ip: clientContext(request).ip },
  });
  return Response.json(result, { status });
}
