/** /sessions/:id/register — the organiser's register for one session (members of the activity's organisation). */
import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RegisterSheet } from "~/components/attendance/register-sheet";
import { clientContext, requireUser } from "~/modules/accounts/index.server";
import { runRegisterAction, loadRegister } from "~/modules/attendance/index.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Register: ${loaded.view.activityTitle} — Linkway` : "Register — Linkway" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const view = await loadRegister(params.id ?? "", { type: "user", userId: user.id, ip: clientContext(request).ip });
  if (!view) throw notFound("We could not find that register.");
  return { view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const { result, status } = await runRegisterAction({
    formData: await readForm(request),
    sessionId: params.id ?? "",
    access: { type: "user", userId: user.id, ip: clientContext(request).ip },
  });
  return data(result, { status });
}



export default function SessionRegister() {
  const { view } = useLoaderData<typeof loader>();
  const pageResult = useActionData<typeof action>();
  return (
    <>
      <div className="container narrow">
        <p>
          <Link to="/registers">All registers</Link>
        </p>
      </div>
      <RegisterSheet view={view} pageResult={pageResult} saveUrl={`/sessions/${view.sessionId}/register/save`} />
    </>
  );
}
