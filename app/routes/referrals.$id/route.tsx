import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { OutcomeComparison } from "~/components/outcomes/outcome-comparison";
import { ContactRows } from "~/components/referrals/contact-rows";
import { ReferralActionsSection } from "~/components/actions/referral-actions-section";
import { referralActionFormSchema } from "~/modules/actions";
import { addReferralAction, loadReferralActions, stopReferralAction } from "~/modules/actions/index.server";
import { referralPageMeta } from "~/components/referrals/referral-meta";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { completeReferralSchema, IllegalTransitionError, withdrawReferralSchema } from "~/modules/referrals";
import { completeReferral, getReferralCase, withdrawReferral } from "~/modules/referrals/index.server";
import { conflictOn, notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/ids";
import { submittedFormId, useIntentForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => referralPageMeta(data?.referral.code);

const notYours = "We could not find that referral. It may belong to another organisation.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisationIds } = await requireOrgOfKind(request, "referrer");
  if (!isUuid(params.id)) throw notFound(notYours);
  const referral = await getReferralCase(params.id, organisationIds);
  if (!referral) throw notFound(notYours);
  return { referral, actions: (await loadReferralActions(params.id, organisationIds))! };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisationIds } = await requireOrgOfKind(request, "referrer");
  if (!isUuid(params.id)) throw notFound(notYours);
  const formData = await request.formData();
  const formId = submittedFormId(formData);
  const access = { referralId: params.id, organisationIds, userId: user.id };
  if (formId === "add-action" || formId.startsWith("stop-")) {
    const submission = parseWithZod(formData, { schema: referralActionFormSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const value = submission.value;
    if (value.intent === "stop-action") {
      const stopped = await stopReferralAction({ ...access, actionId: value.actionId });
      if (!stopped.ok) throw notFound("We could not find that action. It may have been stopped already.");
      return redirect(`/referrals/${params.id}#actions-heading`);
    }
    const result = await addReferralAction({ ...access, action: value.action });
    if (!result.ok && result.kind === "not_found") throw notFound(notYours);
    if (!result.ok) return { formId, result: submission.reply({ fieldErrors: result.fieldErrors }) };
    return redirect(`/referrals/${params.id}#actions-heading`);
  }
  if (formId === "complete") {
    const submission = parseWithZod(formData, { schema: completeReferralSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await conflictOn(IllegalTransitionError, () => completeReferral({ ...access, note: submission.value.note }));
    if (result.kind === "not_found") throw notFound(notYours);
    return redirect(`/referrals/${params.id}`);
  }
  const submission = parseWithZod(formData, { schema: withdrawReferralSchema });
  if (submission.status !== "success") return { formId: "withdraw", result: submission.reply() };
  const result = await conflictOn(IllegalTransitionError, () => withdrawReferral({ ...access, reason: submission.value.reason }));
  if (result.kind === "not_found") throw notFound(notYours);
  return redirect(`/referrals/${params.id}`);
}

export default function ReferralCasePage() {
  const { referral: r, actions } = useLoaderData<typeof loader>();
  const [form, fields] = useIntentForm(withdrawReferralSchema, "withdraw");
  const [completeForm, completeFields] = useIntentForm(completeReferralSchema, "complete");
  return (
    <div className="container">
      <p>
        <Link to="/referrals">Back to your referrals</Link>
      </p>
      <h1>
        {r.person.firstName} {r.person.lastName}
      </h1>
      <p className="meta-row">
        <span>
          Reference <strong>{r.code}</strong>
        </span>
        <span>
          Status: <strong className="status">{r.statusLabel}</strong>
        </span>
        {r.referredBy && <span>Referred by {r.referredBy}</span>}
      </p>
      {r.stalled && (
        <div className="notice warn">
          <p>
            <strong>Stalled since {r.stalled.since}.</strong> {r.stalled.reason ? `${r.stalled.reason}.` : ""}
          </p>
          {r.stalled.nextSteps.length > 0 ? (
            <>
              <p>Things you could do next:</p>
              <ul>
                {r.stalled.nextSteps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>Consider calling the person, or suggesting another activity.</p>
          )}
        </div>
      )}
      {r.declineReason && r.status === "declined" && <p className="notice warn">The organiser declined: “{r.declineReason}”</p>}

      <div className="split">
        <div>
          <h2>Activity</h2>
          <p>
            <Link to={`/activities/${r.activity.id}`}>{r.activity.title}</Link>, run by {r.activity.organisationName}. {r.activity.where}
          </p>

          <h2>Sessions</h2>
          {r.bookings.length === 0 ? (
            <p>No sessions booked yet.</p>
          ) : (
            <ul className="card-list">
              {r.bookings.map((b) => (
                <li key={b.id} className="card">
                  <strong>{b.when}</strong>
                  <br />
                  {b.sessionCancelled ? "Session cancelled" : b.status}
                  {b.attendance && <> · {b.attendance}</>}
                  {b.selfReported && <> · {b.selfReported}</>}
                </li>
              ))}
            </ul>
          )}

          <ReferralActionsSection view={actions} />

          <OutcomeComparison data={r.outcomes} />

          <h2 id="timeline-heading">Timeline</h2>
          <ol className="timeline" aria-labelledby="timeline-heading">
            {r.timeline.map((e, i) => (
              <li key={`${e.atIso}-${i}`} className={`timeline-${e.kind}`}>
                <time dateTime={e.atIso}>{e.at}</time>
                <strong>{e.title}</strong>
                {e.detail && <span>{e.detail}</span>}
                <span className="muted">By {e.by}</span>
              </li>
            ))}
          </ol>
        </div>
        <aside aria-labelledby="person-heading">
          <h2 id="person-heading">The person</h2>
          {r.detailsRemoved && <p className="notice">{r.detailsRemoved}. Only an anonymous record is kept: the activity, dates, sessions and wellbeing answers.</p>}
          <dl className="details">
            {!r.detailsRemoved && <ContactRows contact={r.person} />}
            <dt>What matters to them</dt>
            <dd>{r.reasons.length ? r.reasons.join(", ") : "Not recorded"}</dd>
            {r.notes && (
              <>
                <dt>Notes for the organiser</dt>
                <dd>{r.notes}</dd>
              </>
            )}
            <dt>Consent</dt>
            <dd>{r.consent}</dd>
            {!r.detailsRemoved && (
              <>
                <dt>Their link works until</dt>
                <dd>{r.linkExpires}</dd>
              </>
            )}
          </dl>
          {r.canComplete && (
            <>
              <h2>Mark as completed</h2>
              <p>When they have got what they needed from the activity, even though it carries on. Nothing is sent to the person.</p>
              <Form method="post" {...getFormProps(completeForm)}>
                <input type="hidden" name="formId" value={completeForm.id} />
                <Field label="Note (optional)" meta={completeFields.note}>
                  {(props) => <textarea {...getTextareaProps(completeFields.note)} {...props} rows={2} />}
                </Field>
                <button type="submit">Mark as completed</button>
              </Form>
            </>
          )}
          {r.canWithdraw && (
            <>
              <h2>Withdraw this referral</h2>
              <p>Any sessions they booked will be cancelled and the person will be told.</p>
              <Form method="post" {...getFormProps(form)}>
                <input type="hidden" name="formId" value={form.id} />
                <Field label="Why is it being withdrawn?" meta={fields.reason}>
                  {(props) => <textarea {...getTextareaProps(fields.reason)} {...props} rows={3} />}
                </Field>
                <button type="submit" className="danger">
                  Withdraw the referral
                </button>
              </Form>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
