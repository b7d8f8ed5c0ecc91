import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { impactMeasures, periodSearch, reportLinks } from "~/modules/reports";
import { impactReport, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { IntervalChart } from "~/components/charts/interval-chart";
import { EmptyChart } from "~/components/charts/chart-figure";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { CsvLink, ReportTableView } from "~/components/reports/report-table-view";
import { readQuery } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Wellbeing before and after — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const { query, raw, errors } = reportQueryFrom(request);
  const params = readQuery(request);
  const report = await impactReport(viewer, { ...query, view: params.get("view") ?? undefined, measure: params.get("measure") ?? undefined }, now());
  if (!report) throw notFound();
  const access = await reportAccess(viewer);
  const { period, ...rest } = report;
  return { access, query, raw, errors, period: { label: period.label }, ...rest };
}

export default function ImpactPage() {
  const { access, query, raw, errors, period, view, title, measure, suppress, tables, charts } = useLoaderData<typeof loader>();
  const keep = { view, measure };
  const search = periodSearch(query);
  const csv = (table: string) => `/reports/impact.csv${periodSearch(query, { ...keep, table })}`;
  const measureInfo = impactMeasures.find((m) => m.key === measure)!;
  const axis = measureInfo.higherIsBetter ? "Change in score (above 0 is better)" : "Change in score (below 0 is better)";
  const completeness = tables.completeness.rows[0].cells;
  return (
    <div className="container">
      <ReportHeader title={title} lede="How people's answers to the wellbeing questions changed between their referral and their follow-up." periodLabel={period.label} links={reportLinks(access)} search={search} />
      <ReportFilters query={query} raw={raw} errors={errors} hidden={keep} />
      <section className="notice" aria-labelledby="caveat">
        <h2 id="caveat">What these figures can and cannot say</h2>
        <p>
          They show how the answers of people referred changed, on average, with a 95% confidence interval: the range the true average change most likely lies in. They cannot show that the
          activities caused the change. There is no comparison group of people who were not referred, and people often feel better with time anyway. Only people who answered both times are
          counted{completeness[3].text !== "–" ? `: ${completeness[3].text} of referrals in this period` : ""}; if that share is small, the figures may not speak for everyone.
        </p>
        {suppress && <p>Groups of fewer than 5 people are withheld.</p>}
      </section>
      <ReportTableView headingLevel={2} table={tables.completeness} csvHref={csv("completeness")} empty="No referrals in this period." />
      <ReportTableView headingLevel={2} table={tables.overall} csvHref={csv("overall")} empty="No referrals in this period." />
      <Form method="get" className="button-row">
        {Object.entries({ ...query, view }).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={String(v)} /> : null))}
        <div className="field">
          <label htmlFor="impact-measure">Measure to draw</label>
          <select id="impact-measure" name="measure" defaultValue={measure}>
            {impactMeasures.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Draw it
        </button>
      </Form>
      {charts.byDose.some((r) => r.estimate !== null) ? (
        <IntervalChart
          headingLevel={2}
          title={`${measureInfo.label}: by sessions attended`}
          summary="The mean change for people who went to no sessions, 1 to 2, 3 to 5, and 6 or more, each with its 95% interval; an interval that crosses 0 is consistent with no change."
          labelHeading="Sessions attended"
          valueHeading="Mean change (95% interval)"
          extraHeadings={["People"]}
          axisLabel={axis}
          data={charts.byDose.map((r) => ({ ...r, extra: [String(r.n)] }))}
        />
      ) : (
        <EmptyChart headingLevel={2} title={`${measureInfo.label}: by sessions attended`} message="Not enough people answered both times to show a change." />
      )}
      <CsvLink href={csv("by-dose")} title={tables.byDose.title} />
      {charts.byCategory.some((r) => r.estimate !== null) ? (
        <IntervalChart
          headingLevel={2}
          title={`${measureInfo.label}: by kind of activity`}
          summary="The mean change for each kind of activity, with its 95% interval."
          labelHeading="Kind of activity"
          valueHeading="Mean change (95% interval)"
          extraHeadings={["People"]}
          axisLabel={axis}
          data={charts.byCategory.map((r) => ({ ...r, extra: [String(r.n)] }))}
        />
      ) : (
        <EmptyChart headingLevel={2} title={`${measureInfo.label}: by kind of activity`} message="Not enough people answered both times to show a change." />
      )}
      <ReportTableView headingLevel={2} table={tables.byDose} csvHref={csv("by-dose")} empty="No referrals in this period." />
      <ReportTableView headingLevel={2} table={tables.byCategory} csvHref={csv("by-category")} empty="No referrals in this period." />
    </div>
  );
}
