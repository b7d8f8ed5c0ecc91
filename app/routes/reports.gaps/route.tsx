import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { listCategoryOptions } from "~/modules/activities/index.server";
import { FEW_RESULTS, NEARBY_KM, periodSearch, reportLinks } from "~/modules/reports";
import { figuresAsOf, gapMap, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { GapMapView } from "~/components/reports/gap-map";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { CsvLink, ReportBarChart } from "~/components/reports/report-table-view";

export const meta: MetaFunction = () => [{ title: "Gap map: where demand goes unmet — Linkway" }];

const smallNote = "“< 5”: from 1 to 4, not shown so that nobody can be picked out.";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const { query, raw, errors } = reportQueryFrom(request);
  const gaps = await gapMap(viewer, query, now());
  if (!gaps) throw notFound();
  const [access, categories] = await Promise.all([reportAccess(viewer), listCategoryOptions()]);
  const { period, scope, points, supply, tables } = gaps;
  return { access, categories, query, raw, errors, period: { label: period.label }, scope, points, supply, tables, asOf: figuresAsOf(gaps.asOf, now()) };
}

export default function GapMapPage() {
  const { access, categories, query, raw, errors, period, scope, points, supply, tables, asOf } = useLoaderData<typeof loader>();
  const search = periodSearch({ ...query, town: undefined });
  const csv = (table: string) => `/reports/gaps.csv${periodSearch({ ...query, town: undefined }, { table })}`;
  const kind = scope.category && categories.find((c) => c.slug === scope.category)?.name;
  const top = points.slice(0, tables.cells.rows.length);
  return (
    <div className="container">
      <ReportHeader
        title={kind ? `Gap map: ${kind}` : "Gap map"}
        lede={`Where people searched and found fewer than ${FEW_RESULTS} activities, and where activities turned people away because they were full. Places are rounded to squares of about 1 km; nobody is shown.`}
        periodLabel={period.label}
        links={reportLinks(access)}
        search={search}
        asOf={asOf}
      />
      <ReportFilters query={query} raw={raw} errors={errors} categories={categories} />

      <section aria-labelledby="gap-cells-heading" className="report-table">
        <h2 id="gap-cells-heading">{tables.cells.title}</h2>
        <p className="hint">
          The places with the most unmet demand, busiest first. “Listed within {NEARBY_KM} km now” counts the activities of that kind listed today. {smallNote}
        </p>
        {top.length === 0 ? (
          <p>No unmet demand was recorded in this period.</p>
        ) : (
          <>
            <ol className="gap-list">
              {top.map((p) => (
                <li key={`${p.cell}-${p.label}`}>
                  <Link to={`/reports/gaps/${p.cell}${search}`}>{p.summary}</Link>
                </li>
              ))}
            </ol>
            <details className="table-details">
              <summary>The same places as a table</summary>
              <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{tables.cells.title}</caption>
                <thead>
                  <tr>
                    {tables.cells.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {tables.cells.rows.map((r, i) => (
                    <tr key={`${top[i].cell}-${r.label}`}>
                      <th scope="row">
                        <Link to={`/reports/gaps/${top[i].cell}${search}`}>{r.label}</Link>
                      </th>
                      {r.cells.map((c, j) => (
                        <td key={j} className="numeric">{c.text}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            </details>
          </>
        )}
        <CsvLink href={csv("cells")} title={tables.cells.title} />
      </section>

      <GapMapView points={points} supply={supply} search={search} />

      <ReportBarChart table={tables.byCategory} summary="Unmet demand for each kind of activity, across every place on the map." csvHref={csv("by-category")} empty="No unmet demand was recorded in this period." note={smallNote} />
    </div>
  );
}
