import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { getCurrentUser } from "~/modules/accounts/guards.server";
import { safeRedirect, signInSchema } from "~/modules/accounts/schemas";
import { sessionCookie } from "~/modules/accounts/session-cookie.server";
import { signInWithPassword } from "~/modules/accounts/sign-in.server";
import { Field } from "~/components/forms/field";

export const meta: MetaFunction = () => [{ title: "Sign in — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  if (current) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await signInWithPassword(submission.value, {
    ip: request.headers.get("x-forwarded-for"),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    return submission.reply({
      formErrors: ["That email address and password do not match an account. Check them and try again."],
      hideFields: ["password"],
    });
  }
  return redirect(safeRedirect(submission.value.redirectTo, "/"), {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="container narrow">
      <h1>Sign in</h1>
      <p>For organisers, referrers and Linkway staff. If you were sent a link about an activity, use that link instead.</p>
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div className="error-summary" role="alert" id={form.errorId}>
            {form.errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label="Email address" meta={fields.email}>
          {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="username" />}
        </Field>
        <Field label="Password" meta={fields.password}>
          {(props) => <input {...getInputProps(fields.password, { type: "password" })} {...props} autoComplete="current-password" />}
        </Field>
        <button type="submit">Sign in</button>
      </Form>
    </div>
  );
}
