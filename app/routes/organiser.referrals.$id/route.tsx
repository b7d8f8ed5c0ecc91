import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms/field";
import { ContactRows } from "~/components/referrals/contact-rows";
import { referralPageMeta } from "~/components/referrals/referral-meta";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { declineReasonKindLabels, IllegalTransitionError, organiserDecisionSchema } from "~/modules/referrals";
import { OptionChoices } from "~/components/forms/choice-group";
import { decideReferral, getOrganiserReferral } from "~/modules/referrals/index.server";
import { conflictOn, notFound } from "~/utils/http.server";
import { useSchemaForm } from "~/components/forms/use-schema-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => referralPageMeta(data?.referral.person.code);

const notYours = "We could not find that referral. It may be for another organisation's activity.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisationIds } = await requireOrgOfKind(request, "provider");
  const referral = await getOrganiserReferral(params.id ?? "", organisationIds);
  if (!referral) throw notFound(notYours);
  return { referral };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisationIds } = await requireOrgOfKind(request, "provider");
  const submission = parseWithZod(await request.formData(), { schema: organiserDecisionSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await conflictOn(IllegalTransitionError, () =>
    decideReferral({ referralId: params.id ?? "", organisationIds, userId: user.id, decision: submission.value }),
  );
  if (result.kind === "not_found") throw notFound(notYours);
  return redirect(`/organiser/referrals/${params.id}`);
}

export default function OrganiserReferral() {
  const { referral: r } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(organiserDecisionSchema, {
    lastResult,
    shouldValidate: "onBlur",
  });
  return (
    <div className="container narrow">
      <p>
        <Link to="/organiser/referrals">Back to referrals</Link>
      </p>
      <h1>
        {r.person.name} for {r.activity.title}
      </h1>
      <p className="meta-row">
        <span>
          Reference <strong>{r.person.code}</strong>
        </span>
        <span>
          Status: <strong>{r.statusLabel}</strong>
        </span>
        <span>From {r.from}</span>
        <span>Received {r.received}</span>
      </p>
      {r.status === "declined" && r.declineReason && <p className="notice warn">You declined: “{r.declineReason}”</p>}
      <h2>What the person shared with you</h2>
      {r.detailsRemoved && <p className="notice">{r.detailsRemoved}. Only an anonymous record is kept.</p>}
      <dl className="details">
        {!r.detailsRemoved && <ContactRows contact={r.person} emailLink />}
        <dt>What matters to them</dt>
        <dd>{r.person.reasons.length ? r.person.reasons.join(", ") : "Not given"}</dd>
        {!r.detailsRemoved && (
          <>
            <dt>Notes</dt>
            <dd>{r.person.notes ?? "None"}</dd>
          </>
        )}
      </dl>

      {r.canDecide && (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">Can you offer a place?</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit">Accept: they can book a session</button>
          </Form>
          <h3>Or decline</h3>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="decline" />
            <OptionChoices legend="What is the main reason?" hint="Counted, without names, so the area can see where places are short." meta={fields.kind} type="radio" options={declineReasonKindLabels} />
            <Field label="Why can you not offer a place?" hint="The referrer and the person will see this." meta={fields.reason}>
              {(props) => <textarea {...getTextareaProps(fields.reason)} {...props} rows={3} />}
            </Field>
            <button type="submit" className="danger">
              Decline the referral
            </button>
          </Form>
        </section>
      )}

      <h2>Sessions</h2>
      {r.bookings.length === 0 ? (
        <p>No sessions booked.</p>
      ) : (
        <ul>
          {r.bookings.map((b) => (
            <li key={b.id}>
              <Link to={`/organiser/sessions/${b.sessionId}/bookings`}>{b.when}</Link>: {b.status}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
