import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { listCategoryOptions } from "~/modules/activities/index.server";
import { periodSearch, reportLinks } from "~/modules/reports";
import { areaDashboard, figuresAsOf, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { ReportBarChart, ReportLineChart, ReportTableView } from "~/components/reports/report-table-view";

export const meta: MetaFunction = () => [{ title: "The area: figures — Linkway" }];

const smallNote = "“< 5”: from 1 to 4, not shown so that nobody can be picked out; a percentage built on one is withheld.";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const { query, raw, errors } = reportQueryFrom(request);
  const dashboard = await areaDashboard(viewer, query, now());
  if (!dashboard) throw notFound();
  const [access, categories] = await Promise.all([reportAccess(viewer), listCategoryOptions()]);
  const { period, scope, medianDays, towns, tables } = dashboard;
  return { access, categories, query, raw, errors, period: { label: period.label }, scope, medianDays, towns, tables, asOf: figuresAsOf(dashboard.asOf, now()) };
}

export default function AreaReport() {
  const { access, categories, query, raw, errors, period, scope, medianDays, towns, tables, asOf } = useLoaderData<typeof loader>();
  const search = periodSearch(query);
  const csv = (table: string) => `/reports/area.csv${periodSearch(query, { table })}`;
  const where = [scope.town, scope.category && categories.find((c) => c.slug === scope.category)?.name].filter(Boolean).join(", ");
  const f = tables.funnel.rows;
  return (
    <div className="container">
      <ReportHeader title={where ? `The area: ${where}` : "The area"} lede="Supply, demand, conversion and pressure on places, for referrals made in the period." periodLabel={period.label} links={reportLinks(access)} search={search} asOf={asOf} />
      <ReportFilters query={query} raw={raw} errors={errors} towns={towns} categories={categories} />
      <h2>Demand and conversion</h2>
      <ReportBarChart
        table={tables.funnel}
        note={smallNote}
        summary={`${f[0].cells[0].text} people were referred; ${f[3].cells[0].text} went to at least one session (${f[3].cells[1].text}). Median time to a first session: ${medianDays.text}.`}
        csvHref={csv("funnel")}
        empty="No referrals in this period."
      />
      <ReportTableView table={tables.byCategory} csvHref={csv("by-category")} empty="No referrals in this period." note={smallNote} />
      <ReportTableView table={tables.byReferrer} csvHref={csv("by-referrer")} empty="No referrals in this period." note={smallNote} />
      <ReportBarChart table={tables.reasons} summary="What mattered to the people referred (a referral can give more than one reason)." csvHref={csv("reasons")} empty="No referrals in this period." note={smallNote} />
      <ReportBarChart table={tables.searches} summary="What people looked for on the public search, and how often they found nothing." csvHref={csv("searches")} empty="No searches in this period." note={smallNote} />
      <ReportLineChart table={tables.trend} columns={[0, 1]} summary="People referred, and how many of them went, over the period." csvHref={csv("trend")} empty="No referrals in this period." />
      <h2>Supply</h2>
      <ReportBarChart table={tables.supplyByCategory} summary="How many activities are listed of each kind, and their sessions a week on average over the period." csvHref={csv("supply-by-category")} empty="No activities listed." />
      <ReportTableView table={tables.supplyByTown} csvHref={csv("supply-by-town")} empty="No activities listed." />
      <h2>Pressure on places</h2>
      <ReportTableView table={tables.pressure} csvHref={csv("pressure")} empty="No sessions were held in this period." note={smallNote} />
      <ReportBarChart table={tables.declines} summary="Why organisers could not offer a place." csvHref={csv("declines")} empty="No referrals were declined in this period." note={smallNote} />
      <ReportTableView table={tables.stalled} csvHref={csv("stalled")} empty="Nothing has stalled." note={smallNote} />
    </div>
  );
}
