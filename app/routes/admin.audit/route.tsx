import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { auditActions, listAuditEntries, requireAdmin } from "~/modules/accounts/index.server";
import { auditFilterSchema } from "~/modules/accounts";
import { DataTable } from "~/components/layout/data-table";
import { Pager } from "~/components/layout/pager";
import { ResultCount } from "~/components/layout/result-count";

export const meta: MetaFunction = () => [{ title: "Audit log — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const params = Object.fromEntries(readQuery(request));
  const parsed = auditFilterSchema.safeParse(params);
  const filter = parsed.success ? parsed.data : {};
  const action = filter.action && filter.action in auditActions ? filter.action : undefined;
  const to = filter.to ? new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
  const result = await listAuditEntries({
    action,
    actor: filter.actor || undefined,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    to,
    page: filter.page,
  });
  return {
    filter: { action: action ?? "", actor: filter.actor ?? "", from: filter.from ?? "", to: filter.to ?? "" },
    actions: Object.entries(auditActions).map(([value, label]) => ({ value, label })),
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      label: auditActions[r.action as keyof typeof auditActions] ?? r.action,
      actor: r.actorName ? `${r.actorName} (${r.actorEmail})` : (r.actorLabel ?? "—"),
      target: r.targetType ? `${r.targetType}${r.targetId ? ` ${r.targetId}` : ""}` : "",
      ip: r.ip ?? "",
      details: r.details ? JSON.stringify(r.details) : "",
    })),
  };
}

const when = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "medium" });

export default function AuditLog() {
  const { filter, actions, rows, total, page, pages } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="container">
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Audit log</h1>
      <Form method="get" className="filter-form">
        <div className="field">
          <label htmlFor="audit-action">What happened</label>
          <select id="audit-action" name="action" defaultValue={filter.action}>
            <option value="">Anything</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Who (name or email)</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <div className="button-row">
          <button type="submit">Filter</button>
          <Link to="/admin/audit">Clear</Link>
        </div>
      </Form>
      <ResultCount count={total} one="entry" many="entries" />
      <DataTable
        caption="Audit log entries, newest first"
        columns={["When", "What", "Who", "About", "Network address", "Details"]}
        className="data-table"
        wrapClassName="table-wrap"
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{when(r.at)}</td>
            <td>{r.label}</td>
            <td>{r.actor}</td>
            <td className="small">{r.target}</td>
            <td>{r.ip}</td>
            <td className="small">{r.details}</td>
          </tr>
        ))}
      </DataTable>
      <Pager page={page} pages={pages} search={location.search} />
    </div>
  );
}
