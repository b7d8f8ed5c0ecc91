/** The person's private page, /r/:token, called as their browser would (no account, no cookie). */
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";
import { action, loader } from "~/routes/r.$token/route";

/** Posts a form on the person's page: book, cancel, say they went, decline… */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function personAct<T = any>(token: string, form: Record<string, string>) {
  return callRoute<T>(action, await requestAs(null, `/r/${token}`, { form }), { token });
}

/** Opens the person's page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function personPage<T = any>(token: string) {
  return callRoute<T>(loader, await requestAs(null, `/r/${token}`), { token });
}
