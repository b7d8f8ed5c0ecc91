import { readForm, readQuery } from "~/utils/read-form.server";
import { getFormProps } from "@conform-to/react";
import { ErrorSummary } from "~/components/forms/error-summary";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PersonFields } from "~/components/referrals/person-fields";
import { ReferralsCreated } from "~/components/referrals/referrals-created";
import { WellbeingFields, wellbeingQuestionLabels } from "~/components/referrals/wellbeing-fields";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { findActivitiesToRefer } from "~/modules/referrals/index.server";
import { MAX_ACTIONS_ON_FORM, referWithActionsFormSchema, rhythmLabel } from "~/modules/actions";
import { defaultPlanDates, listLibrary, referWithActions } from "~/modules/actions/index.server";
import { ActionFields } from "~/components/actions/action-fields";
import { isUuid } from "~/utils/ids";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { CheckboxField } from "~/components/forms/checkbox-field";

export const meta: MetaFunction = () => [{ title: "Refer someone — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrgOfKind(request, "referrer");
  const ids = readQuery(request).getAll("activity").filter(isUuid);
  const library = (await listLibrary()).map((l) => ({ id: l.id, group: l.group, title: l.title, rhythm: rhythmLabel(l) }));
  return { activities: await findActivitiesToRefer(ids), requestId: crypto.randomUUID(), library, planDates: defaultPlanDates() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requireOrgOfKind(request, "referrer");
  const submission = parseWithZod(await readForm(request), { schema: referWithActionsFormSchema });
  if (submission.status !== "success") return { kind: "form" as const, form: submission.reply() };
  const result = await referWithActions(submission.value, { userId: user.id, organisationId: membership.organisationId });
  if (result.kind === "invalid") return { kind: "form" as const, form: submission.reply({ fieldErrors: result.fieldErrors }) };
  if (result.kind === "refused") return { kind: "form" as const, form: submission.reply({ formErrors: [result.message] }) };
  return { kind: "done" as const, created: result.referrals, repeat: result.kind === "repeat" };
}

export default function NewReferral() {
  const { activities, requestId, library, planDates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.kind === "form" ? actionData.form : undefined;
  const [form, fields] = useSchemaForm(referWithActionsFormSchema, {
    lastResult,
  });
  const actionList = fields.actions.getFieldList();

  if (actionData?.kind === "done") {
    return <ReferralsCreated referrals={actionData.created} repeat={actionData.repeat} />;
  }

  return (
    <div className="container narrow">
      <h1>Refer someone</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} labels={wellbeingQuestionLabels} />
        <input type="hidden" name="requestId" value={requestId} />
        <h2>{activities.length === 1 ? "Activity" : "Activities"}</h2>
        {activities.length === 0 && (
          <p>
            No activity chosen. To refer to one, <Link to="/search">find an activity</Link> and use “Refer someone to this activity” on its page. Or
            suggest connection actions only, below: no organiser is involved.
          </p>
        )}
        <ul className="card-list">
          {activities.map((a) => (
            <li key={a.id} className="card">
              <input type="hidden" name="activity" value={a.id} />
              <strong>{a.title}</strong>
              <br />
              <span className="muted">
                {a.organisationName}, {a.online ? "online" : a.town}
              </span>
              <br />
              {a.requiresScreening ? "The organiser will look at the referral before the person can book." : "The person can book straight away."}
            </li>
          ))}
        </ul>
        {fields.activity.errors?.length ? (
          <p className="field-error" id={fields.activity.errorId}>
            {fields.activity.errors.join(". ")}
          </p>
        ) : null}

        <h2 id="actions-heading">Connection actions {activities.length ? "(optional)" : ""}</h2>
        <p>
          Small things to do between sessions, like calling a friend or a short walk. The person sees them on their private link and can say
          how they got on.
        </p>
        {fields.actions.errors?.length ? (
          <p className="field-error" id={fields.actions.errorId}>
            {fields.actions.errors.join(". ")}
          </p>
        ) : null}
        {actionList.map((a, i) => (
          <ActionFields key={a.key} fields={a.getFieldset()} library={library} legend={`Action ${i + 1}`} />
        ))}
        {actionList.length < MAX_ACTIONS_ON_FORM && (
          <button type="submit" className="secondary" {...form.insert.getButtonProps({ name: fields.actions.name, defaultValue: planDates })}>
            {actionList.length ? "Add another action" : "Add an action"}
          </button>
        )}

        <PersonFields fields={fields} voice="they" />
        <WellbeingFields choice={fields.baselineChoice} reason={fields.baselineReason} ons4Fields={fields.ons4.getFieldset()} ucla3Fields={fields.ucla3.getFieldset()} />

        <CheckboxField meta={fields.consent} className="consent">
          {activities.length === 0
            ? "The person has agreed to Linkway keeping these details, and to getting messages about their actions"
            : `The person has agreed to share these details with the organiser of ${activities.length === 1 ? "this activity" : "these activities"}`}
        </CheckboxField>
        <button type="submit">Send the referral</button>
      </Form>
    </div>
  );
}
