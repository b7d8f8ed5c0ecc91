import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientContext, getCurrentUser, sessionCookie, landingPathFor, signInWithPassword } from "~/modules/accounts/index.server";
import { safeRedirect, signInSchema } from "~/modules/accounts";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "Sign in — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  const params = new URL(request.url).searchParams;
  if (current) throw redirect(safeRedirect(params.get("redirectTo"), await landingPathFor(current.user)));
  return { notice: params.get("reset") === "1" ? "Your password has been changed. Sign in with your new password." : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await signInWithPassword(submission.value, clientContext(request));
  if (!result.ok) return submission.reply({ formErrors: [result.message], hideFields: ["password"] });
  const headers = { "Set-Cookie": sessionCookie(result.token, result.expiresAt) };
  const redirectTo = submission.value.redirectTo ? safeRedirect(submission.value.redirectTo, "") : "";
  if (result.needsTwoFactor) {
    const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
    return redirect(`/login/two-factor${query}`, { headers });
  }
  return redirect(redirectTo || (await landingPathFor({ id: result.userId, isAdmin: result.isAdmin, isCommissioner: result.isCommissioner })), { headers });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const { notice } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(signInSchema, {
    lastResult,
  });
  return (
    <div className="container narrow">
      <h1>Sign in</h1>
      <StatusNotice message={notice} />
      <p>For organisers, referrers and Linkway staff. If you were sent a link about an activity, use that link instead.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label="Email address" meta={fields.email}>
          {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="username" />}
        </Field>
        <PasswordField label="Password" meta={fields.password} autoComplete="current-password" />
        <button type="submit">Sign in</button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
      <p>
        New to Linkway? <Link to="/signup">Create an account for your organisation</Link>
      </p>
    </div>
  );
}
