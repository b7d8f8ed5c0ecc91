import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientContext, requireUser, sessionCookie, confirmSignIn } from "~/modules/accounts/index.server";
import { confirmSignInSchema, safeRedirect } from "~/modules/accounts";
import { CodeField } from "~/components/forms/code-field";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Confirm it is you — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { email: user.email, needsCode: Boolean(user.totpEnabledAt) };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: confirmSignInSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await confirmSignIn(current, submission.value, clientContext(request));
  if (!result.ok) {
    const hide = ["password", "code"];
    return result.field
      ? submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: hide })
      : submission.reply({ formErrors: [result.message], hideFields: hide });
  }
  return redirect(safeRedirect(submission.value.redirectTo, "/account"), {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

export default function ConfirmSignIn() {
  const { email, needsCode } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(confirmSignInSchema, { lastResult });
  return (
    <div className="container narrow">
      <h1>Confirm it is you</h1>
      <p>
        You are about to change who can see or do things in Linkway. Because you signed in a while ago, enter your
        password{needsCode ? " and a code from your app" : ""} again. Then make the change once more.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
        <Field label="Password" meta={fields.password}>
          {(props) => <input {...getInputProps(fields.password, { type: "password" })} {...props} autoComplete="current-password" />}
        </Field>
        {needsCode && (
          <CodeField meta={fields.code} hint="The 6-digit code from your app, or one of your recovery codes." />
        )}
        <button type="submit">Confirm</button>
      </Form>
    </div>
  );
}
