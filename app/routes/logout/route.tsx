import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientContext, clearSessionCookie, readSessionToken, signOut } from "~/modules/accounts/index.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const everywhere = (await readForm(request)).get("scope") === "everywhere";
  await signOut(readSessionToken(request), { everywhere, ...clientContext(request) });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
