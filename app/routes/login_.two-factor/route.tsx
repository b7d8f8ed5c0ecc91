import { readForm, readQuery } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { clientContext, getCurrentUser, getPendingTwoFactor, sessionCookie, landingPathFor, verifySecondFactor } from "~/modules/accounts/index.server";
import { safeRedirect, twoFactorSignInSchema } from "~/modules/accounts";
import { CodeField } from "~/components/forms/code-field";
import { FormErrors } from "~/components/forms/form-errors";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Enter your sign-in code — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = readQuery(request).get("redirectTo");
  const current = await getCurrentUser(request);
  if (current) throw redirect(safeRedirect(redirectTo, await landingPathFor(current.user)));
  if (!(await getPendingTwoFactor(request))) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const pending = await getPendingTwoFactor(request);
  if (!pending) throw redirect("/login");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: twoFactorSignInSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await verifySecondFactor(pending, submission.value.code, clientContext(request));
  if (!result.ok) return submission.reply({ formErrors: [result.message], hideFields: ["code"] });
  const redirectTo = submission.value.redirectTo ? safeRedirect(submission.value.redirectTo, "") : "";
  return redirect(redirectTo || (await landingPathFor(pending.user)), {
    headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) },
  });
}

export default function TwoFactorSignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(twoFactorSignInSchema, {
    lastResult,
  });
  return (
    <div className="container narrow">
      <h1>Enter your sign-in code</h1>
      <p>Open the authenticator app on your phone and enter the 6-digit code it shows for Linkway.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <CodeField meta={fields.code} hint="Lost your phone? Enter one of your recovery codes instead." />
        <button type="submit">Continue</button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="secondary">
          Cancel and sign out
        </button>
      </Form>
    </div>
  );
}
