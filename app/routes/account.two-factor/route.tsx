import { readForm } from "~/utils/read-form.server";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientContext, requireUser, confirmTotpEnrolment, disableTwoFactor, regenerateRecoveryCodes, startTotpEnrolment, twoFactorStatus } from "~/modules/accounts/index.server";
import { confirmTotpSchema, passwordConfirmationSchema } from "~/modules/accounts";
import { AccountPage } from "~/components/account/account-page";
import { CodeField } from "~/components/forms/code-field";
import { FormErrors } from "~/components/forms/form-errors";
import { PasswordField } from "~/components/forms/password-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return twoFactorStatus(user.id);
}

type ActionData = {
  intent: "confirm" | "disable" | "regenerate";
  recoveryCodes: string[] | null;
  done: string | null;
  result: SubmissionResult<string[]>;
};

export async function action({ request }: ActionFunctionArgs): Promise<ActionData | Response> {
  const { user } = await requireUser(request);
  const formData = await readForm(request);
  const context = clientContext(request);
  const intent = formData.get("intent");
  if (intent === "start") {
    await startTotpEnrolment(user.id);
    return redirect("/account/two-factor");
  }
  if (intent === "confirm") {
    const submission = parseWithZod(formData, { schema: confirmTotpSchema });
    if (submission.status !== "success") return { intent, recoveryCodes: null, done: null, result: submission.reply() };
    const outcome = await confirmTotpEnrolment(user, submission.value.code, context);
    if (!outcome.ok) return { intent, recoveryCodes: null, done: null, result: submission.reply({ fieldErrors: { code: [outcome.message] } }) };
    return { intent, recoveryCodes: outcome.recoveryCodes, done: "Two-step sign-in is now on.", result: submission.reply({ resetForm: true }) };
  }
  const submission = parseWithZod(formData, { schema: passwordConfirmationSchema });
  const which = intent === "disable" ? "disable" : "regenerate";
  if (submission.status !== "success") return { intent: which, recoveryCodes: null, done: null, result: submission.reply({ hideFields: ["password"] }) };
  if (which === "disable") {
    const outcome = await disableTwoFactor(user, submission.value.password, context);
    if (!outcome.ok) return { intent: which, recoveryCodes: null, done: null, result: submission.reply({ fieldErrors: { password: [outcome.message] }, hideFields: ["password"] }) };
    return { intent: which, recoveryCodes: null, done: "Two-step sign-in is now off.", result: submission.reply({ resetForm: true }) };
  }
  const outcome = await regenerateRecoveryCodes(user.id, submission.value.password, context);
  if (!outcome.ok) return { intent: which, recoveryCodes: null, done: null, result: submission.reply({ fieldErrors: { password: [outcome.message] }, hideFields: ["password"] }) };
  return { intent: which, recoveryCodes: outcome.recoveryCodes, done: "Your old recovery codes no longer work.", result: submission.reply({ resetForm: true }) };
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="codes-heading" className="card recovery-codes">
      <h2 id="codes-heading">Your recovery codes</h2>
      <p>
        If you lose your phone, you can sign in with one of these codes instead. Each works once. Print them or write them
        down and keep them somewhere safe. <strong>You will not be shown them again.</strong>
      </p>
      <ol className="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <Link to="/account">I have saved my codes</Link>
      </p>
    </section>
  );
}

function PasswordForm({ intent, label, button, danger, data }: { intent: "disable" | "regenerate"; label: string; button: string; danger?: boolean; data?: ActionData }) {
  const [form, fields] = useSchemaForm(passwordConfirmationSchema, {
    id: `${intent}-form`,
    lastResult: data?.intent === intent ? data.result : undefined,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <PasswordField label={label} meta={fields.password} autoComplete="current-password" />
      <button type="submit" className={danger ? "danger" : "secondary"}>
        {button}
      </button>
    </Form>
  );
}

export default function TwoFactor() {
  const status = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const [confirmForm, confirmFields] = useSchemaForm(confirmTotpSchema, {
    id: "confirm-form",
    lastResult: data?.intent === "confirm" ? data.result : undefined,
  });
  const required = status.requiredBy.length > 0;
  return (
    <AccountPage title="Two-step sign-in">
      {required && !status.enabled ? (
        <p className="notice warn" role={searchParams.get("required") ? "alert" : undefined}>
          {status.requiredBy.join(", ")} {status.requiredBy.length > 1 ? "require" : "requires"} every member to use
          two-step sign-in. Set it up now to carry on using Linkway.
        </p>
      ) : null}
      <StatusNotice message={data?.done} />
      {data?.recoveryCodes ? <RecoveryCodes codes={data.recoveryCodes} /> : null}

      {status.enabled ? (
        <>
          <p>
            Two-step sign-in is <strong>on</strong>. When you sign in, you enter your password and then a code from the
            authenticator app on your phone.
          </p>
          <p>You have {status.recoveryCodesLeft} unused recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"}.</p>
          <h2>Make new recovery codes</h2>
          <p>This replaces all your old codes.</p>
          <PasswordForm intent="regenerate" label="Your password" button="Make new recovery codes" data={data} />
          <h2>Turn off two-step sign-in</h2>
          {required ? (
            <p>{status.requiredBy.join(", ")} requires two-step sign-in, so it cannot be turned off.</p>
          ) : (
            <PasswordForm intent="disable" label="Your password" button="Turn off two-step sign-in" danger data={data} />
          )}
        </>
      ) : status.pending ? (
        <>
          <h2>1. Add Linkway to your authenticator app</h2>
          <p>
            Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or
            1Password) and scan this QR code.
          </p>
          <img className="qr-code" src={status.pending.qrCodeDataUrl} width={240} height={240} alt="QR code to add Linkway to your authenticator app" />
          <p>
            Can&apos;t scan it? Choose to enter a key by hand and type this key (time-based, 6 digits):
          </p>
          <p>
            <code className="manual-key" data-testid="totp-key">
              {status.pending.manualKey}
            </code>
          </p>
          <h2>2. Enter the code from the app</h2>
          <Form method="post" {...getFormProps(confirmForm)}>
            <FormErrors id={confirmForm.errorId} errors={confirmForm.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <CodeField meta={confirmFields.code} label="6-digit code" digitsOnly />
            <button type="submit">Turn on two-step sign-in</button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="secondary">
              Start again with a new key
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>
            Two-step sign-in is <strong>off</strong>. Turn it on so that someone who learns your password still cannot
            sign in without your phone. You will need an authenticator app.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit">Set up two-step sign-in</button>
          </Form>
        </>
      )}
    </AccountPage>
  );
}
