import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { clientContext, requestPasswordReset } from "~/modules/accounts/index.server";
import { forgotPasswordSchema } from "~/modules/accounts";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Reset your password — Linkway" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return { sentTo: null, result: submission.reply() };
  const outcome = await requestPasswordReset(submission.value.email, clientContext(request));
  if (!outcome.ok) return { sentTo: null, result: submission.reply({ formErrors: [outcome.message] }) };
  return { sentTo: submission.value.email, result: submission.reply({ resetForm: true }) };
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(forgotPasswordSchema, {
    lastResult: data?.result,
  });
  return (
    <div className="container narrow">
      <h1>Reset your password</h1>
      {data?.sentTo ? (
        <div className="notice" role="status">
          <p>
            If <strong>{data.sentTo}</strong> belongs to a Linkway account, we have sent it a link to choose a new
            password. The link works once, for 45 minutes.
          </p>
          <p>If nothing arrives in a few minutes, check your spam folder, or check the address and try again.</p>
        </div>
      ) : (
        <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="Email address" meta={fields.email}>
          {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="username" />}
        </Field>
        <button type="submit">Send the link</button>
      </Form>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}
