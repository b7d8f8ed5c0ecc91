import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { clientContext, getCurrentUser } from "~/modules/accounts/index.server";
import { signUpSchema } from "~/modules/accounts";
import { requestSignUp } from "~/modules/organisations/index.server";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Create an account — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: signUpSchema });
  if (submission.status !== "success") return { sentTo: null, result: submission.reply({ hideFields: ["password"] }) };
  const outcome = await requestSignUp(submission.value, clientContext(request));
  if (!outcome.ok) {
    return {
      sentTo: null,
      result: submission.reply(
        outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ["password"] } : { formErrors: [outcome.message], hideFields: ["password"] },
      ),
    };
  }
  return { sentTo: submission.value.email, result: submission.reply({ resetForm: true }) };
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(signUpSchema, {
    lastResult: data?.result,
  });
  if (data?.sentTo) {
    return (
      <div className="container narrow">
        <h1>Check your email</h1>
        <p className="lead" role="status">
          We have sent a link to <strong>{data.sentTo}</strong>. Open it to confirm your address and finish creating your account.
        </p>
        <p>The link works for 24 hours. If nothing arrives in a few minutes, check your spam folder, or <Link to="/signup">try again</Link>.</p>
      </div>
    );
  }
  return (
    <div className="container narrow">
      <h1>Create an account</h1>
      <p>
        For organisations that run activities, and for teams that refer people to them (GP practices, link workers,
        social prescribers). If a colleague already uses Linkway, ask them to invite you instead.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="Your name" meta={fields.name}>
          {(props) => <input {...getInputProps(fields.name, { type: "text" })} {...props} autoComplete="name" />}
        </Field>
        <Field label="Email address" hint="We will send a link to check it is yours." meta={fields.email}>
          {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="email" />}
        </Field>
        <PasswordField label="Choose a password" meta={fields.password} autoComplete="new-password" />
        <Field label="Your organisation's name" meta={fields.organisationName}>
          {(props) => <input {...getInputProps(fields.organisationName, { type: "text" })} {...props} autoComplete="organization" />}
        </Field>
        <fieldset className="field" aria-describedby={fields.organisationKind.errors?.length ? fields.organisationKind.errorId : undefined}>
          <legend>What does your organisation do?</legend>
          <label className="choice">
            <input {...getInputProps(fields.organisationKind, { type: "radio", value: "provider" })} /> We run activities or services
          </label>
          <label className="choice">
            <input {...getInputProps(fields.organisationKind, { type: "radio", value: "referrer" })} /> We refer people to activities
          </label>
          {fields.organisationKind.errors?.length ? (
            <p className="field-error" id={fields.organisationKind.errorId}>
              {fields.organisationKind.errors.join(". ")}
            </p>
          ) : null}
        </fieldset>
        <button type="submit">Create account</button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
