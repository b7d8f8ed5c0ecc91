import { readForm } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { FormErrors } from "~/components/forms/form-errors";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PersonFields } from "~/components/referrals/person-fields";
import { RequestReceived } from "~/components/referrals/request-received";
import { clientContext } from "~/modules/accounts/index.server";
import { findPublishedActivity } from "~/modules/activities/index.server";
import { createSelfReferral } from "~/modules/referrals/index.server";
import { selfReferralFormSchema } from "~/modules/referrals";
import { forbidden, notFound } from "~/utils/http.server";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { CheckboxField } from "~/components/forms/checkbox-field";

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
  const submission = parseWithZod(await readForm(request), { schema: selfReferralFormSchema });
  if (submission.status !== "success") return data({ kind: "form" as const, form: submission.reply() });
  const result = await createSelfReferral(activity.id, submission.value, clientContext(request));
  switch (result.kind) {
    case "refused":
      return data({ kind: "form" as const, form: submission.reply({ formErrors: [result.message] }) }, { status: 409 });
    case "limited":
      return data({ kind: "form" as const, form: submission.reply({ formErrors: [result.message] }) }, { status: 429 });
    case "received":
      return data({ kind: "done" as const, sentTo: result.sentTo, needsScreening: result.needsScreening, shown: result.shown, alreadyAsked: result.alreadyAsked });
  }
}

export default function RequestAPlace() {
  const { activity, requestId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(selfReferralFormSchema, {
    lastResult: actionData?.kind === "form" ? actionData.form : undefined,
  });
  if (actionData?.kind === "done") {
    return (
      <RequestReceived
        activity={activity}
        sentTo={actionData.sentTo}
        needsScreening={actionData.needsScreening}
        shown={actionData.shown}
        alreadyAsked={actionData.alreadyAsked}
      />
    );
  }
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
        <PersonFields fields={fields} voice="you" />
        <CheckboxField meta={fields.consent} className="consent">
          I agree to share these details with the organiser
        </CheckboxField>
        <button type="submit">Ask for a place</button>
      </Form>
    </div>
  );
}
