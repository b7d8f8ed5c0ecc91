import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmEmailChange, readEmailChange, clientContext } from "~/modules/accounts/index.server";
import { FormErrors } from "~/components/forms/form-errors";

export const meta: MetaFunction = () => [{ title: "Confirm your new email address — Linkway" }, { name: "robots", content: "noindex" }];

/** The link is the proof of the new address; opening it only shows a button, so mail scanners change nothing. */
export async function loader({ params }: LoaderFunctionArgs) {
  return { change: await readEmailChange(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmEmailChange(params.token ?? "", clientContext(request));
  return result.ok ? { done: true, error: null } : data({ done: false, error: result.message }, { status: 400 });
}

export default function ConfirmEmail() {
  const { change } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data?.done) {
    return (
      <div className="container narrow">
        <h1>Your email address has been changed</h1>
        <p role="status">Use your new address the next time you sign in.</p>
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      </div>
    );
  }
  if (!change || data?.error) {
    return (
      <div className="container narrow">
        <h1>This link cannot be used</h1>
        <FormErrors errors={[data?.error ?? "This link has expired or has already been used. Ask for a new one from your account page."]} />
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>Confirm your new email address</h1>
      <p>
        Use <strong>{change.email}</strong> to sign in to Linkway from now on?
      </p>
      <Form method="post">
        <button type="submit">Confirm new email address</button>
      </Form>
    </div>
  );
}
