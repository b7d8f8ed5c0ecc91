/**
 * /register/:token — the one-tap register from the emailed link: no sign-in,
 * this one session only, marking attendance only.
 */
import { readForm } from "~/utils/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { RegisterSheet } from "~/components/attendance/register-sheet";
import { AttendanceError } from "~/modules/attendance";
import { runRegisterAction, loadRegister } from "~/modules/attendance/index.server";

export const meta: MetaFunction = () => [{ title: "Register — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const view = await loadRegister("", { type: "register_link", token: params.token ?? "" });
    return data({ view, refused: null });
  } catch (error) {
    if (!(error instanceof AttendanceError)) throw error;
    return data({ view: null, refused: error.message }, { status: error.status });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { result, status } = await runRegisterAction({
    formData: await readForm(request),
    access: { type: "register_link", token: params.token ?? "" },
  });
  return data(result, { status });
}



export default function RegisterFromLink() {
  const { view, refused } = useLoaderData<typeof loader>();
  const pageResult = useActionData<typeof action>();
  const { token } = useParams();
  if (!view) {
    return (
      <div className="container narrow">
        <h1>This register link cannot be used</h1>
        <p>{refused}</p>
        <p>
          <a className="button" href="/login">
            Sign in to Linkway
          </a>
        </p>
      </div>
    );
  }
  return <RegisterSheet view={view} pageResult={pageResult} saveUrl={`/register/${token}/save`} />;
}
