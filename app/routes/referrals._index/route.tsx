import { readQuery } from "~/utils/read-form.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/layout/data-table";
import { Pager } from "~/components/layout/pager";
import { ResultCount } from "~/components/layout/result-count";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { listCaseload } from "~/modules/referrals/index.server";
import { referralStatuses, statusLabels, caseloadQuerySchema, caseloadSorts, eventKindLabels } from "~/modules/referrals";

export const meta: MetaFunction = () => [{ title: "Your referrals — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisationIds } = await requireOrgOfKind(request, "referrer");
  const query = caseloadQuerySchema.parse(Object.fromEntries(readQuery(request)));
  return { query, caseload: await listCaseload(organisationIds, query) };
}

export default function Caseload() {
  const { query, caseload } = useLoaderData<typeof loader>();
  const filters = new URLSearchParams();
  if (query.status) filters.set("status", query.status);
  if (query.activity) filters.set("activity", query.activity);
  filters.set("sort", query.sort);
  return (
    <div className="container">
      <h1>Your referrals</h1>
      <p>
        Everyone your organisation has referred. To refer someone new, <Link to="/search">find an activity</Link> first.
      </p>
      <Form method="get" className="filters" aria-label="Filter referrals">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any status</option>
            {referralStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity">Activity</label>
          <select id="activity" name="activity" defaultValue={query.activity ?? ""}>
            <option value="">Any activity</option>
            {caseload.activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Order</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {Object.entries(caseloadSorts).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit">Show</button>
        </div>
      </Form>
      <ResultCount count={caseload.total} one="referral" many="referrals">
        {caseload.pages > 1 ? `. Page ${caseload.page} of ${caseload.pages}.` : "."}
      </ResultCount>
      {caseload.rows.length > 0 && (
        <DataTable caption="Referrals" columns={["Person", "Activity", "Status", "Next session", "Last change"]} className="caseload">
          {caseload.rows.map((r) => (
            <tr key={r.id} className={r.attention ? "needs-attention" : undefined}>
              <td>
                <Link to={`/referrals/${r.id}`}>{r.name}</Link>
                <br />
                <span className="muted">{r.code}</span>
              </td>
              <td>{r.activityTitle}</td>
              <td>
                <span className="status">{r.statusLabel}</span>
                {/* "Declined" once: where the reason is the status itself, the tag says only that it needs attention. */}
                {r.attention && <span className="tag attention">{r.attention === r.statusLabel ? "Needs attention" : r.attention}</span>}
              </td>
              <td>{r.nextSession ?? "None booked"}</td>
              <td>{r.lastEvent ? `${eventKindLabels[r.lastEvent.kind] ?? r.lastEvent.kind}, ${r.lastEvent.at}` : ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pager page={caseload.page} pages={caseload.pages} search={filters.toString()} label="Pages of referrals" position={false} />
    </div>
  );
}
