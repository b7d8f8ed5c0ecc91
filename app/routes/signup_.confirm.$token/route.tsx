import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientContext, organisationHomePath, sessionCookie } from "~/modules/accounts/index.server";
import { completeSignUp, readSignUp } from "~/modules/organisations/index.server";
import { FormErrors } from "~/components/forms/form-errors";

export const meta: MetaFunction = () => [{ title: "Finish creating your account — Linkway" }, { name: "robots", content: "noindex" }];

/** Opening the link shows what it will do; the account is made by the POST (mail scanners only GET). */
export async function loader({ params }: LoaderFunctionArgs) {
  return { pending: await readSignUp(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await completeSignUp(params.token ?? "", clientContext(request));
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect(organisationHomePath(result.organisationKind), {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

export default function ConfirmSignUp() {
  const { pending } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (!pending || data?.error) {
    return (
      <div className="container narrow">
        <h1>This link cannot be used</h1>
        <FormErrors errors={[data?.error ?? "This link has expired or has already been used."]} />
        <p>
          <Link to="/login">Sign in</Link> or <Link to="/signup">sign up again</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>Finish creating your account</h1>
      <p>
        Your email address <strong>{pending.email}</strong> is confirmed. Create your account and your organisation,{" "}
        <strong>{pending.organisationName}</strong>, with you as its owner.
      </p>
      <Form method="post">
        <button type="submit">Create my account</button>
      </Form>
    </div>
  );
}
