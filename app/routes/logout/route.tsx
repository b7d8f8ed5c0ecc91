import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getCurrentUser } from "~/modules/accounts/guards.server";
import { clearSessionCookie } from "~/modules/accounts/session-cookie.server";
import { invalidateSession } from "~/modules/accounts/sessions.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  if (current) await invalidateSession(current.session.id);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
