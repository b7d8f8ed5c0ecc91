/** POST /register/:token/save — the one-tap register's saves as JSON (see the organiser's /save route). */
import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { runRegisterAction } from "~/modules/attendance/index.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { result, status } = await runRegisterAction({
    formData: await readForm(request),
    access: { type: "register_link", token: params.token ?? "" },
  });
  return Response.json(result, { status });
}
