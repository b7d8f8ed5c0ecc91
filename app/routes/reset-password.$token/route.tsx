import { readForm } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { clientContext, isResetTokenUsable, resetPassword, clearSessionCookie } from "~/modules/accounts/index.server";
import { resetPasswordSchema } from "~/modules/accounts";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  formData.set("token", params.token ?? "");
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await resetPassword(submission.value.token, submission.value.password, clientContext(request));
  if (!result.ok) {
    return submission.reply(
      result.field ? { fieldErrors: { password: [result.message] }, hideFields: ["password"] } : { formErrors: [result.message], hideFields: ["password"] },
    );
  }
  return redirect("/login?reset=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { token } = useParams();
  const [form, fields] = useSchemaForm(resetPasswordSchema, {
    lastResult,
    defaultValue: { token },
  });
  if (!usable) {
    return (
      <div className="container narrow">
        <h1>This link cannot be used</h1>
        <p>This link has expired or has already been used. Ask for a new one below.</p>
        <p>
          <Link className="button" to="/forgot-password">
            Ask for a new link
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>Choose a new password</h1>
      <p>After you save it, you will be signed out on every device and can sign in with the new password.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token ?? ""} />
        <PasswordField label="New password" meta={fields.password} autoComplete="new-password" />
        <button type="submit">Save new password</button>
      </Form>
    </div>
  );
}
