import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { changeName, requestEmailChange, clientContext, requireUser, listMemberships } from "~/modules/accounts/index.server";
import { changeEmailSchema, changeNameSchema } from "~/modules/accounts";
import { roleLabels } from "~/modules/organisations";
import { AccountPage } from "~/components/account/account-page";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "Your account — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const memberships = await listMemberships(user.id);
  return {
    name: user.name,
    email: user.email,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    memberships: memberships.map((m) => ({ id: m.organisationId, name: m.organisationName, kind: m.kind, role: m.role })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const formData = await readForm(request);
  const context = clientContext(request);
  if (formData.get("intent") === "email") {
    const submission = parseWithZod(formData, { schema: changeEmailSchema });
    if (submission.status !== "success") return { intent: "email" as const, done: null, result: submission.reply({ hideFields: ["password"] }) };
    const outcome = await requestEmailChange(user, submission.value, context);
    if (!outcome.ok) {
      return {
        intent: "email" as const,
        done: null,
        result: submission.reply(
          outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] }, hideFields: ["password"] } : { formErrors: [outcome.message], hideFields: ["password"] },
        ),
      };
    }
    return {
      intent: "email" as const,
      done: `We have sent a link to ${submission.value.email}. Your email address will change when you open it (within one hour).`,
      result: submission.reply({ resetForm: true }),
    };
  }
  const submission = parseWithZod(formData, { schema: changeNameSchema });
  if (submission.status !== "success") return { intent: "name" as const, done: null, result: submission.reply() };
  await changeName(user.id, submission.value.name, context);
  return { intent: "name" as const, done: "Your name has been saved.", result: submission.reply() };
}

export default function Account() {
  const { name, email, twoFactorEnabled, memberships } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [nameForm, nameFields] = useSchemaForm(changeNameSchema, {
    id: "name-form",
    lastResult: data?.intent === "name" ? data.result : undefined,
    defaultValue: { name },
  });
  const [emailForm, emailFields] = useSchemaForm(changeEmailSchema, {
    id: "email-form",
    lastResult: data?.intent === "email" ? data.result : undefined,
  });
  return (
    <AccountPage title="Your account">
      <StatusNotice message={data?.done} />
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">Your organisations</h2>
        {memberships.length === 0 ? (
          <p>You are not a member of any organisation yet. Ask an organisation&apos;s owner to invite you.</p>
        ) : (
          <ul className="card-list">
            {memberships.map((m) => (
              <li key={m.id} className="card">
                <h3>{m.name}</h3>
                <p className="meta-row">
                  <span>{m.kind === "provider" ? "Runs activities" : "Refers people"}</span>
                  <span>Your role: {roleLabels[m.role]}</span>
                </p>
                <Link to={`/organisations/${m.id}/members`}>Members{m.role === "owner" ? " and invitations" : ""}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <Form method="post" {...getFormProps(nameForm)}>
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <input type="hidden" name="intent" value="name" />
          <Field label="Name" hint="Shown to the other members of your organisations." meta={nameFields.name}>
            {(props) => <input {...getInputProps(nameFields.name, { type: "text" })} {...props} autoComplete="name" />}
          </Field>
          <button type="submit">Save name</button>
        </Form>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Your email address</h2>
        <p>
          You sign in with <strong>{email}</strong>. To change it, enter the new address and your password. We will
          send a link to the new address to check it is yours.
        </p>
        <Form method="post" {...getFormProps(emailForm)}>
          <FormErrors id={emailForm.errorId} errors={emailForm.errors} />
          <input type="hidden" name="intent" value="email" />
          <Field label="New email address" meta={emailFields.email}>
            {(props) => <input {...getInputProps(emailFields.email, { type: "email" })} {...props} autoComplete="email" />}
          </Field>
          <PasswordField label="Your current password" meta={emailFields.password} autoComplete="current-password" />
          <button type="submit">Send confirmation link</button>
        </Form>
      </section>

      <section aria-labelledby="security-heading">
        <h2 id="security-heading">Security</h2>
        <p>
          Two-step sign-in is <strong>{twoFactorEnabled ? "on" : "off"}</strong>.{" "}
          <Link to="/account/two-factor">{twoFactorEnabled ? "Manage two-step sign-in" : "Turn on two-step sign-in"}</Link>
        </p>
      </section>
    </AccountPage>
  );
}
