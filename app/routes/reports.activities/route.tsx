import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { periodSearch, reportLinks } from "~/modules/reports";
import { providerDashboard, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { ReportLineChart, ReportTableView } from "~/components/reports/report-table-view";

export const meta: MetaFunction = () => [{ title: "Your activities: figures — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const { query, raw, errors } = reportQueryFrom(request);
  const dashboard = await providerDashboard(viewer, query, now());
  if (!dashboard) throw notFound();
  const access = await reportAccess(viewer);
  const { period, scope, activities, chosen, tables } = dashboard;
  return { access, query, raw, errors, period: { label: period.label }, scope, activities, chosen: chosen && { id: chosen.id, title: chosen.title }, tables };
}

export default function ProviderReport() {
  const { access, query, raw, errors, period, scope, activities, chosen, tables } = useLoaderData<typeof loader>();
  const org = access.provider.length > 1 ? scope.organisationId : undefined;
  const search = periodSearch(query, { org, activity: undefined });
  const csv = (table: string) => `/reports/activities.csv${periodSearch(query, { org: scope.organisationId, table })}`;
  return (
    <div className="container">
      <ReportHeader title={`Activities of ${scope.organisationName}`} lede="Referrals received in the period, and the sessions held in it." periodLabel={period.label} links={reportLinks(access)} search={search} />
      <ReportFilters query={query} raw={raw} errors={errors} hidden={{ org, activity: query.activity }} />
      <ReportTableView
        headingLevel={2}
        table={tables.activities}
        csvHref={csv("activities")}
        empty="You have no published activities."
        note="No-show rate: of the people marked, the share who did not come. Fill rate: places booked against places offered."
      />
      <section aria-labelledby="per-session">
        <h2 id="per-session">Session by session</h2>
        {activities.length > 1 && (
          <Form method="get" className="button-row">
            {Object.entries({ ...query, activity: undefined }).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={String(v)} /> : null))}
            <div className="field">
              <label htmlFor="report-activity">Activity</label>
              <select id="report-activity" name="activity" defaultValue={chosen?.id}>
                {activities.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              Show its sessions
            </button>
          </Form>
        )}
        <ReportLineChart
          table={tables.sessions}
          columns={[2, 3]}
          summary={chosen ? `People who came and who did not, at each session of ${chosen.title} in the period.` : "No sessions in the period."}
          csvHref={csv("sessions")}
          empty="No sessions were held in this period."
        />
      </section>
      <ReportTableView headingLevel={2} table={tables.lowAttendance} csvHref={csv("low-attendance")} empty="No session had fewer than half of those booked come. Well done." />
    </div>
  );
}
