import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { listUsers, setAdmin } from "~/modules/accounts/admin-users.server";
import { clientContext } from "~/modules/accounts/client-context.server";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { setAdminSchema, userSearchSchema } from "~/modules/accounts/schemas";
import { FormErrors } from "~/components/forms/form-errors";
import { Pager } from "~/components/layout/pager";

export const meta: MetaFunction = () => [{ title: "People — Linkway administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAdmin(request);
  const parsed = userSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : {};
  const result = await listUsers({ q: query.q || undefined, page: query.page });
  return {
    me: user.id,
    q: query.q ?? "",
    ...result,
    rows: result.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, isAdmin: r.isAdmin, twoFactor: Boolean(r.totpEnabledAt) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request);
  const parsed = setAdminSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { done: null, error: "That change could not be understood. Please try again." };
  const outcome = await setAdmin({ actorUserId: user.id, userId: parsed.data.userId, isAdmin: parsed.data.admin === "true", ip: clientContext(request).ip });
  if (!outcome.ok) return { done: null, error: outcome.message };
  return { done: parsed.data.admin === "true" ? "They are now an administrator." : "Their administrator rights have been removed.", error: null };
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
      {data?.done ? (
        <p className="notice" role="status">
          {data.done}
        </p>
      ) : null}
      <FormErrors errors={data?.error ? [data.error] : null} />
      <Form method="get" role="search" className="field">
        <label htmlFor="user-q">Find by name or email</label>
        <div className="button-row">
          <input id="user-q" name="q" type="search" defaultValue={q} />
          <button type="submit">Search</button>
        </div>
      </Form>
      <p role="status">
        {total} {total === 1 ? "account" : "accounts"}
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Two-step sign-in</th>
              <th scope="col">Administrator</th>
            </tr>
          </thead>
          <tbody>
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
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} search={location.search} />
    </div>
  );
}
