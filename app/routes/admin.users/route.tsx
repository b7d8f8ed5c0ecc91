import { readForm, readQuery } from "~/utils/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { actorOf, isRefusal, listUsers, refusalResponse, requireAdmin, setAdmin, setCommissioner } from "~/modules/accounts/index.server";
import { userRoleChangeSchema, userSearchSchema } from "~/modules/accounts";
import { FormErrors } from "~/components/forms/form-errors";
import { DataTable } from "~/components/layout/data-table";
import { Pager } from "~/components/layout/pager";
import { ResultCount } from "~/components/layout/result-count";
import { StatusNotice } from "~/components/layout/status-notice";

export const meta: MetaFunction = () => [{ title: "People — Linkway administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const parsed = userSearchSchema.safeParse(Object.fromEntries(readQuery(request)));
  const query = parsed.success ? parsed.data : {};
  const result = await listUsers({ q: query.q || undefined, page: query.page });
  return {
    me: user.id,
    q: query.q ?? "",
    ...result,
    rows: result.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, isAdmin: r.isAdmin, isCommissioner: r.isCommissioner, twoFactor: Boolean(r.totpEnabledAt) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireAdmin(request);
  const parsed = userRoleChangeSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ done: null, error: "That change could not be understood. Please try again." }, { status: 400 });
  const change = parsed.data;
  // Whether the actor is an administrator, and signed in recently enough to hand out access, the verbs decide.
  const actor = actorOf(request, current);
  if ("commissioner" in change) {
    const granted = change.commissioner === "true";
    const outcome = await setCommissioner({ actor, userId: change.userId, isCommissioner: granted });
    if (isRefusal(outcome)) throw await refusalResponse(request, current, outcome);
    if (!outcome.ok) return { done: null, error: outcome.message };
    return { done: granted ? "They can now see the area-wide reports." : "They can no longer see the area-wide reports.", error: null };
  }
  const outcome = await setAdmin({ actor, userId: change.userId, isAdmin: change.admin === "true" });
  if (isRefusal(outcome)) throw await refusalResponse(request, current, outcome);
  if (!outcome.ok) return { done: null, error: outcome.message };
  return { done: change.admin === "true" ? "They are now an administrator." : "Their administrator rights have been removed.", error: null };
}

export default function AdminUsers() {
  const { me, q, rows, total, page, pages } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const location = useLocation();
  return (
    <div className="container">
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>People</h1>
      <StatusNotice message={data?.done} />
      <FormErrors errors={data?.error ? [data.error] : null} />
      <Form method="get" role="search" className="field">
        <label htmlFor="user-q">Find by name or email</label>
        <div className="button-row">
          <input id="user-q" name="q" type="search" defaultValue={q} />
          <button type="submit">Search</button>
        </div>
      </Form>
      <ResultCount count={total} one="account" many="accounts" />
      <DataTable caption="Accounts" columns={["Name", "Email", "Two-step sign-in", "Administrator", "Commissioner (area reports)"]} className="data-table" wrapClassName="table-wrap">
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            <td>{r.email}</td>
            <td>{r.twoFactor ? "On" : "Off"}</td>
            <td>
              {r.isAdmin ? "Yes " : "No "}
              {r.id === me ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={r.id} />
                  <input type="hidden" name="admin" value={r.isAdmin ? "false" : "true"} />
                  <button type="submit" className="secondary">
                    {r.isAdmin ? "Remove admin rights" : "Make admin"}
                    <span className="visually-hidden"> ({r.name})</span>
                  </button>
                </Form>
              )}
            </td>
            <td>
              {r.isCommissioner ? "Yes " : "No "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="userId" value={r.id} />
                <input type="hidden" name="commissioner" value={r.isCommissioner ? "false" : "true"} />
                <button type="submit" className="secondary">
                  {r.isCommissioner ? "Remove area reports" : "Give area reports"}
                  <span className="visually-hidden"> ({r.name})</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager page={page} pages={pages} search={location.search} />
    </div>
  );
}
