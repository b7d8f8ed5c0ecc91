import { readForm } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { changePassword, clientContext, requireUser } from "~/modules/accounts/index.server";
import { changePasswordSchema } from "~/modules/accounts";
import { AccountPage } from "~/components/account/account-page";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Change your password — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  const hide = { hideFields: ["currentPassword", "newPassword"] };
  if (submission.status !== "success") return { done: false, result: submission.reply(hide) };
  const outcome = await changePassword({ user, sessionId: session.id }, submission.value, clientContext(request));
  if (!outcome.ok) {
    return {
      done: false,
      result: submission.reply(outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] }, ...hide } : { formErrors: [outcome.message], ...hide }),
    };
  }
  return { done: true, result: submission.reply({ resetForm: true }) };
}

export default function ChangePassword() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changePasswordSchema, {
    lastResult: data?.result,
  });
  return (
    <AccountPage title="Change your password">
      {data?.done ? (
        <p className="notice" role="status">
          Your password has been changed. Any other devices you were signed in on have been signed out.
        </p>
      ) : (
        <p>When you change your password, you stay signed in here and are signed out everywhere else.</p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <PasswordField label="Current password" meta={fields.currentPassword} autoComplete="current-password" />
        <PasswordField label="New password" meta={fields.newPassword} autoComplete="new-password" />
        <button type="submit">Change password</button>
      </Form>
    </AccountPage>
  );
}
