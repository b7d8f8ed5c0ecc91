import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { periodSearch, reportLinks } from "~/modules/reports";
import { referrerDashboard, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { ReportBarChart, ReportLineChart, ReportTableView } from "~/components/reports/report-table-view";

export const meta: MetaFunction = () => [{ title: "Your referrals: figures — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const { query, raw, errors } = reportQueryFrom(request);
  const dashboard = await referrerDashboard(viewer, query, now());
  if (!dashboard) throw notFound();
  const access = await reportAccess(viewer);
  const { period, scope, total, medianDays, tables } = dashboard;
  return { access, query, raw, errors, period: { label: period.label }, scope, total, medianDays, tables };
}

export default function ReferrerReport() {
  const { access, query, raw, errors, period, scope, total, medianDays, tables } = useLoaderData<typeof loader>();
  const search = periodSearch(query, { org: access.referrer.length > 1 ? scope.organisationId : undefined });
  const csv = (table: string) => `/reports/referrals.csv${periodSearch(query, { org: scope.organisationId, table })}`;
  const went = tables.funnel.rows[3].cells;
  return (
    <div className="container">
      <ReportHeader title={`Referrals from ${scope.organisationName}`} lede="Referrals your team made in the period, followed to today." periodLabel={period.label} links={reportLinks(access)} search={search} />
      <ReportFilters query={query} raw={raw} errors={errors} hidden={{ org: access.referrer.length > 1 ? scope.organisationId : undefined }} />
      <section aria-labelledby="headline">
        <h2 id="headline">At a glance</h2>
        <ul className="stat-list">
          <li>
            <strong>{total.referred}</strong> referred
          </li>
          <li>
            <strong>{went[0].text}</strong> went at least once ({went[1].text})
          </li>
          <li>
            <strong>{medianDays.text}</strong> from referral to first session (median)
          </li>
        </ul>
      </section>
      <ReportBarChart
        table={tables.funnel}
        max={total.referred || 1}
        summary={`Of ${total.referred} people referred, ${went[0].text} went to at least one session and ${tables.funnel.rows[4].cells[0].text} completed.`}
        csvHref={csv("funnel")}
        empty="No referrals in this period."
      />
      <ReportTableView table={tables.stalled} csvHref={csv("stalled")} empty="Nothing has stalled." note="Share of the referrals from this period that are still open." />
      <ReportBarChart table={tables.declines} summary="Why organisers could not offer a place." csvHref={csv("declines")} empty="No referrals were declined in this period." />
      <ReportTableView table={tables.byCategory} csvHref={csv("by-category")} empty="No referrals in this period." />
      <ReportTableView table={tables.byReferrer} csvHref={csv("by-referrer")} empty="No referrals in this period." />
      <ReportLineChart table={tables.trend} columns={[0, 1]} summary="How many people were referred, and how many of them went, over the period." csvHref={csv("trend")} empty="No referrals in this period." />
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Each referral, as a spreadsheet</h2>
        <form method="get" action="/reports/referrals/caseload.csv">
          {Object.entries({ ...query, org: scope.organisationId }).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={String(v)} /> : null))}
          <div className="choice">
            <input id="include-names" type="checkbox" name="names" value="1" />
            <label htmlFor="include-names">Include names (otherwise reference codes only). This is recorded in the audit log.</label>
          </div>
          <button type="submit">Download each referral (CSV)</button>
        </form>
      </section>
    </div>
  );
}
