import { readForm } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as withHeaders } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { deleteAccount, clientContext, requireUser, clearSessionCookie } from "~/modules/accounts/index.server";
import { deleteAccountSchema } from "~/modules/accounts";
import { AccountPage } from "~/components/account/account-page";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { CheckboxField } from "~/components/forms/checkbox-field";

export const meta: MetaFunction = () => [{ title: "Delete your account — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: deleteAccountSchema });
  if (submission.status !== "success") return { deleted: false, result: submission.reply({ hideFields: ["password"] }) };
  const outcome = await deleteAccount(user, submission.value.password, clientContext(request));
  if (!outcome.ok) {
    return {
      deleted: false,
      result: submission.reply(
        outcome.field ? { fieldErrors: { password: [outcome.message] }, hideFields: ["password"] } : { formErrors: [outcome.message], hideFields: ["password"] },
      ),
    };
  }
  return withHeaders({ deleted: true, result: submission.reply({ resetForm: true }) }, { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function DeleteAccount() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(deleteAccountSchema, {
    lastResult: data?.result,
    shouldValidate: "onSubmit",
  });
  if (data?.deleted) {
    return (
      <div className="container narrow">
        <h1>Your account has been deleted</h1>
        <p role="status">Your name, email address and password have been removed from Linkway, and you have been signed out.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  return (
    <AccountPage title="Delete your account">
      <p>Deleting your account:</p>
      <ul>
        <li>removes your name, email address, password and two-step sign-in from Linkway;</li>
        <li>takes you out of your organisations and signs you out everywhere;</li>
        <li>keeps the work you did (activities, referrals, registers) for your organisation, without your name;</li>
        <li>keeps security records, showing you as &quot;deleted user&quot;.</li>
      </ul>
      <p>If you are the only owner of an organisation, make someone else an owner first.</p>
      <p>
        <strong>This cannot be undone.</strong>
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <PasswordField label="Your password" meta={fields.password} autoComplete="current-password" />
        <CheckboxField meta={fields.confirm}>I understand my account will be deleted for good</CheckboxField>
        <button type="submit" className="danger">
          Delete my account
        </button>
      </Form>
    </AccountPage>
  );
}
