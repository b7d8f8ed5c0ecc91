import { readForm } from "~/utils/read-form.server";
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { actorOf, isRefusal, type Refusal, refusalResponse, requireOrgMember } from "~/modules/accounts/index.server";
import { inviteMember, listPendingInvitations, revokeInvitation, changeMemberRole, listMembers, removeMember, getOrganisation, setRequireTwoFactor } from "~/modules/organisations/index.server";
import { inviteMemberSchema, memberActionSchema, roleLabels } from "~/modules/organisations";
import { Field } from "~/components/forms/field";
import { FormErrors } from "~/components/forms/form-errors";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Members of ${data?.organisation.name ?? "your organisation"} — Linkway` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireOrgMember(request, params.id);
  const organisation = await getOrganisation(membership.organisationId);
  if (!organisation) throw new Response("Not found", { status: 404 });
  const isOwner = membership.role === "owner";
  return {
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, requireTwoFactor: organisation.requireTwoFactor },
    me: user.id,
    isOwner,
    members: (await listMembers(organisation.id)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: isOwner
      ? (await listPendingInvitations(organisation.id)).map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))
      : [],
  };
}

type ActionData = { done: string | null; error: string | null; invite?: SubmissionResult<string[]> };

/** A change that was not made answers 400, with the reason shown on the page. */
const invalid = (error: string) => data<ActionData>({ done: null, error }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  // Members only, before anything is read: someone signed out is sent to sign in, an outsider gets a 404.
  // Whether the actor is an owner, and signed in recently enough to hand out access, the verbs decide.
  const current = await requireOrgMember(request, params.id);
  const actor = actorOf(request, current);
  const organisationId = current.membership.organisationId;
  const refused = async (refusal: Refusal) => {
    throw await refusalResponse(request, current, refusal);
  };
  const formData = await readForm(request);
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: inviteMemberSchema });
    if (submission.status !== "success") return { done: null, error: null, invite: submission.reply() };
    const outcome = await inviteMember({ organisationId, email: submission.value.email, role: submission.value.role, actor });
    if (isRefusal(outcome)) return refused(outcome);
    if (!outcome.ok) {
      return {
        done: null,
        error: null,
        invite: submission.reply(outcome.field ? { fieldErrors: { email: [outcome.message] } } : { formErrors: [outcome.message] }),
      };
    }
    return { done: `Invitation sent to ${submission.value.email}.`, error: null, invite: submission.reply({ resetForm: true }) };
  }
  const parsed = memberActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid("That change could not be understood. Please try again.");
  const command = parsed.data;
  switch (command.intent) {
    case "leave": {
      const outcome = await removeMember({ organisationId, userId: actor.userId, actor });
      if (isRefusal(outcome)) return refused(outcome);
      return outcome.ok ? redirect("/account") : invalid(outcome.message);
    }
    case "change-role": {
      const outcome = await changeMemberRole({ organisationId, userId: command.userId, role: command.role, actor });
      if (isRefusal(outcome)) return refused(outcome);
      return outcome.ok ? { done: `Role changed to ${roleLabels[command.role].toLowerCase()}.`, error: null } : invalid(outcome.message);
    }
    case "remove": {
      const outcome = await removeMember({ organisationId, userId: command.userId, actor });
      if (isRefusal(outcome)) return refused(outcome);
      if (!outcome.ok) return invalid(outcome.message);
      return command.userId === actor.userId ? redirect("/account") : { done: "Member removed.", error: null };
    }
    case "revoke-invitation": {
      const revoked = await revokeInvitation({ organisationId, invitationId: command.invitationId, actor });
      if (typeof revoked !== "boolean") return refused(revoked);
      return revoked ? { done: "Invitation cancelled.", error: null } : invalid("That invitation had already been used or cancelled.");
    }
    case "require-two-factor": {
      const required = command.required === "true";
      const outcome = await setRequireTwoFactor({ organisationId, required, actor });
      if (isRefusal(outcome)) return refused(outcome);
      return {
        done: required ? "Every member now needs two-step sign-in. Members without it will be asked to set it up." : "Two-step sign-in is now optional for members.",
        error: null,
      };
    }
  }
}

const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { timeZone: "Europe/London", dateStyle: "medium" });

export default function Members() {
  const { organisation, me, isOwner, members, invitations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [form, fields] = useSchemaForm(inviteMemberSchema, {
    id: "invite-form",
    lastResult: data?.invite,
    defaultValue: { role: "member" },
  });
  return (
    <div className="container">
      <h1>Members of {organisation.name}</h1>
      <StatusNotice message={data?.done} />
      <FormErrors errors={data?.error ? [data.error] : null} />
      {/* Focusable, so a keyboard can scroll it sideways on a phone. */}
      <div className="table-wrap" role="region" aria-label="Members" tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">Members of {organisation.name}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Two-step sign-in</th>
              {isOwner ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.userId === me ? " (you)" : ""}
                </td>
                <td>{m.email}</td>
                <td>{roleLabels[m.role]}</td>
                <td>{m.twoFactorEnabled ? "On" : "Off"}</td>
                {isOwner ? (
                  <td>
                    <div className="button-row">
                      <Form method="post">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <input type="hidden" name="role" value={m.role === "owner" ? "member" : "owner"} />
                        <button type="submit" className="secondary">
                          {m.role === "owner" ? "Make member" : "Make owner"}
                          <span className="visually-hidden"> ({m.name})</span>
                        </button>
                      </Form>
                      {m.userId === me ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="userId" value={m.userId} />
                          <button type="submit" className="danger">
                            Remove<span className="visually-hidden"> {m.name}</span>
                          </button>
                        </Form>
                      )}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {isOwner ? (
        <div className="narrow">
          <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <p>They will get an email with a link to join. The link works for 7 days.</p>
            <Form method="post" {...getFormProps(form)}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="intent" value="invite" />
              <Field label="Their email address" meta={fields.email}>
                {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete="off" />}
              </Field>
              <Field label="Role" hint="Owners can invite and remove people and change these settings." meta={fields.role}>
                {(props) => (
                  <select {...getSelectProps(fields.role)} {...props}>
                    <option value="member">Member</option>
                    <option value="owner">Owner</option>
                  </select>
                )}
              </Field>
              <button type="submit">Send invitation</button>
            </Form>
          </section>

          <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">Invitations waiting for an answer</h2>
            {invitations.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="card-list">
                {invitations.map((i) => (
                  <li key={i.id} className="card">
                    <p>
                      <strong>{i.email}</strong> as {roleLabels[i.role].toLowerCase()}, until {day(i.expiresAt)}
                    </p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="secondary">
                        Cancel invitation<span className="visually-hidden"> to {i.email}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="security-heading">
            <h2 id="security-heading">Two-step sign-in for everyone</h2>
            <p>
              {organisation.requireTwoFactor
                ? "Every member must use two-step sign-in. Members without it are asked to set it up the next time they use Linkway."
                : "Members can choose whether to use two-step sign-in. You can require it for everyone, which we recommend because members can see people's details."}
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="require-two-factor" />
              <input type="hidden" name="required" value={organisation.requireTwoFactor ? "false" : "true"} />
              <button type="submit" className={organisation.requireTwoFactor ? "secondary" : undefined}>
                {organisation.requireTwoFactor ? "Make two-step sign-in optional" : "Require two-step sign-in for everyone"}
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      <section aria-labelledby="leave-heading" className="narrow">
        <h2 id="leave-heading">Leave {organisation.name}</h2>
        <p>You will no longer see its activities or referrals. An owner can invite you back.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="danger">
            Leave {organisation.name}
          </button>
        </Form>
      </section>
    </div>
  );
}
