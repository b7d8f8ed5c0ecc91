import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { clientContext, getCurrentUser, organisationHomePath, requireUser, sessionCookie } from "~/modules/accounts/index.server";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, readInvitation } from "~/modules/organisations/index.server";
import { acceptInvitationNewUserSchema, roleLabels } from "~/modules/organisations";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction = () => [{ title: "Join an organisation — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await readInvitation(params.token ?? "");
  const current = await getCurrentUser(request);
  return {
    invitation: invitation
      ? { organisationName: invitation.organisationName, email: invitation.email, role: invitation.role, hasAccount: invitation.hasAccount }
      : null,
    signedInAs: current?.user.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await readForm(request);
  if (formData.get("intent") === "join") {
    const { user } = await requireUser(request);
    const result = await acceptInvitationAsUser({ token, user, context: clientContext(request) });
    if (!result.ok) return { join: result.message, result: undefined };
    return redirect(organisationHomePath(result.organisationKind));
  }
  const submission = parseWithZod(formData, { schema: acceptInvitationNewUserSchema });
  if (submission.status !== "success") return { join: null, result: submission.reply({ hideFields: ["password"] }) };
  const result = await acceptInvitationAsNewUser({ token, ...submission.value, context: clientContext(request) });
  if (!result.ok) {
    return {
      join: null,
      result: submission.reply(
        result.field ? { fieldErrors: { password: [result.message] }, hideFields: ["password"] } : { formErrors: [result.message], hideFields: ["password"] },
      ),
    };
  }
  return redirect(organisationHomePath(result.organisationKind), {
    headers: result.session ? { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) } : undefined,
  });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useSchemaForm(acceptInvitationNewUserSchema, {
    lastResult: data?.result,
  });
  if (!invitation) {
    return (
      <div className="container narrow">
        <h1>This invitation cannot be used</h1>
        <p>The link has expired, been used or been cancelled. Ask the organisation&apos;s owner to invite you again.</p>
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </div>
    );
  }
  const role = roleLabels[invitation.role].toLowerCase();
  const heading = <h1>Join {invitation.organisationName}</h1>;
  const intro = (
    <p>
      You have been invited to join <strong>{invitation.organisationName}</strong> on Linkway as {role === "owner" ? "an owner" : "a member"}.
    </p>
  );
  if (signedInAs && signedInAs === invitation.email) {
    return (
      <div className="container narrow">
        {heading}
        {intro}
        <FormErrors errors={data?.join ? [data.join] : null} />
        <Form method="post">
          <input type="hidden" name="intent" value="join" />
          <button type="submit">Join {invitation.organisationName}</button>
        </Form>
      </div>
    );
  }
  if (signedInAs) {
    return (
      <div className="container narrow">
        {heading}
        <p className="notice warn">
          This invitation was sent to <strong>{invitation.email}</strong>, but you are signed in as {signedInAs}. Sign out,
          then open the link again.
        </p>
        <Form method="post" action="/logout">
          <button type="submit">Sign out</button>
        </Form>
      </div>
    );
  }
  if (invitation.hasAccount) {
    return (
      <div className="container narrow">
        {heading}
        {intro}
        <p>You already have a Linkway account for {invitation.email}. Sign in to accept.</p>
        <p>
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
            Sign in to accept
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container narrow">
      {heading}
      {intro}
      <p>
        Create your account for <strong>{invitation.email}</strong>:
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <Field label="Your name" meta={fields.name}>
          {(props) => <input {...getInputProps(fields.name, { type: "text" })} {...props} autoComplete="name" />}
        </Field>
        <input type="hidden" name="username" value={invitation.email} autoComplete="username" />
        <PasswordField label="Choose a password" meta={fields.password} autoComplete="new-password" />
        <button type="submit">Create account and join</button>
      </Form>
    </div>
  );
}
