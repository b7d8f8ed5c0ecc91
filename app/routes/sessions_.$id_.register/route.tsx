/** /sessions/:id/register — the organiser's register for one session (members of the activity's organisation). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { RegisterSheet } from "~/components/attendance/register-sheet";
import { requireUser } from "~/modules/accounts/guards.server";
import { runRegisterAction } from "~/modules/attendance/register-actions.server";
import { offlineResult, type RegisterActionResult } from "~/modules/attendance/register-results";
import { loadRegister } from "~/modules/attendance/register.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Register: ${loaded.view.activityTitle} — Linkway` : "Register — Linkway" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const view = await loadRegister(params.id ?? "", { type: "user", userId: user.id });
  if (!view) throw notFound("We could not find that register.");
  return { view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const { result, status } = await runRegisterAction({
    formData: await request.formData(),
    sessionId: params.id ?? "",
    access: { type: "user", userId: user.id },
  });
  return data(result, { status });
}

/** With JavaScript: a save that never reached the server comes back as "not saved" instead of an error page. */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs): Promise<RegisterActionResult> {
  const form = await request.clone().formData();
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (isRouteErrorResponse(error) || error instanceof Response) throw error;
    return offlineResult(form);
  }
}

/** Reloading the page's data would fail too while offline, and replace the marks on screen with an error. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  if (actionResult && typeof actionResult === "object" && "offline" in actionResult && actionResult.offline) return false;
  return defaultShouldRevalidate;
};

export default function SessionRegister() {
  const { view } = useLoaderData<typeof loader>();
  const pageResult = useActionData<typeof clientAction>();
  return (
    <>
      <div className="container narrow">
        <p>
          <Link to="/registers">All registers</Link>
        </p>
      </div>
      <RegisterSheet view={view} pageResult={pageResult} />
    </>
  );
}
