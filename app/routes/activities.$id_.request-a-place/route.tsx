import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { FormErrors } from "~/components/forms/form-errors";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PatientFields } from "~/components/referrals/patient-fields";
import { ReferralsCreated } from "~/components/referrals/referrals-created";
import { findPublishedActivity } from "~/modules/activities/public-activities.server";
import { createSelfReferral } from "~/modules/referrals/create-referral.server";
import { selfReferralFormSchema } from "~/modules/referrals/schemas";
import { forbidden, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ask for a place: ${data.activity.title} — Linkway` : "Ask for a place — Linkway" },
  { name: "robots", content: "noindex" },
];

async function activityWelcomingSelfReferral(id: string | undefined) {
  const activity = await findPublishedActivity(id ?? "");
  if (!activity) throw notFound("We could not find that activity. It may have finished or moved.");
  if (!activity.selfReferral) {
    throw forbidden("This activity takes referrals only. Your GP, nurse or link worker can refer you.");
  }
  return activity;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const activity = await activityWelcomingSelfReferral(params.id);
  return { activity: { id: activity.id, title: activity.title, organisationName: activity.organisationName }, requestId: crypto.randomUUID() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const activity = await activityWelcomingSelfReferral(params.id);
  const submission = parseWithZod(await request.formData(), { schema: selfReferralFormSchema });
  if (submission.status !== "success") return { kind: "form" as const, form: submission.reply() };
  const result = await createSelfReferral(activity.id, submission.value);
  if (result.kind === "refused") return { kind: "form" as const, form: submission.reply({ formErrors: [result.message] }) };
  return { kind: "done" as const, created: result.referrals, repeat: result.kind === "repeat" };
}

export default function RequestAPlace() {
  const { activity, requestId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.kind === "form" ? actionData.form : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selfReferralFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (actionData?.kind === "done") return <ReferralsCreated referrals={actionData.created} repeat={actionData.repeat} voice="person" />;
  return (
    <div className="container narrow">
      <p>
        <Link to={`/activities/${activity.id}`}>Back to {activity.title}</Link>
      </p>
      <h1>Ask for a place</h1>
      <p className="lead">
        {activity.title}, run by {activity.organisationName}. Tell us how to reach you and we will send you a private
        link to choose a session.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="requestId" value={requestId} />
        <PatientFields fields={fields} voice="you" />
        <div className={`field consent${fields.consent.errors?.length ? " has-error" : ""}`}>
          <label className="choice" htmlFor={fields.consent.id}>
            <input {...getInputProps(fields.consent, { type: "checkbox" })} aria-describedby={fields.consent.errors?.length ? fields.consent.errorId : undefined} />I agree to share these details with the organiser
          </label>
          {fields.consent.errors?.length ? (
            <p className="field-error" id={fields.consent.errorId}>
              {fields.consent.errors.join(". ")}
            </p>
          ) : null}
        </div>
        <button type="submit">Ask for a place</button>
      </Form>
    </div>
  );
}
