import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { listCategoryOptions } from "~/modules/activities/index.server";
import { gapCellSchema, periodSearch, reportLinks } from "~/modules/reports";
import { gapEvidence, reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { ReportFilters } from "~/components/reports/report-filters";
import { ReportHeader } from "~/components/reports/report-header";
import { ReportBarChart, ReportTableView } from "~/components/reports/report-table-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Unmet demand near ${data?.place ?? "a place"} — Linkway` }];

const smallNote = "“< 5”: from 1 to 4, not shown so that nobody can be picked out.";

/** GET /reports/gaps/53.80,-1.52 — the people-free evidence for one ~1 km square of the gap map. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const viewer = viewerOf(current);
  const cell = gapCellSchema.safeParse(params.cell ?? "");
  if (!cell.success) throw notFound();
  const { query, raw, errors } = reportQueryFrom(request);
  const evidence = await gapEvidence(viewer, query, cell.data, now());
  if (!evidence) throw notFound();
  const [access, categories] = await Promise.all([reportAccess(viewer), listCategoryOptions()]);
  const { period, place, total, tables } = evidence;
  return { access, categories, query, raw, errors, cell: cell.data, period: { label: period.label }, place, total, tables };
}

export default function GapEvidencePage() {
  const { access, categories, query, raw, errors, cell, period, place, total, tables } = useLoaderData<typeof loader>();
  const search = periodSearch({ ...query, town: undefined });
  const csv = (table: string) => `/reports/gaps.csv${periodSearch({ ...query, town: undefined }, { table, cell: cell.id })}`;
  const osm = `https://www.openstreetmap.org/?mlat=${cell.lat}&mlon=${cell.lng}#map=14/${cell.lat}/${cell.lng}`;
  return (
    <div className="container">
      <ReportHeader
        title={`Unmet demand near ${place}`}
        lede="The evidence for one square of about 1 km on the gap map: how often people found little here, what they asked for, and what is listed nearest today. It counts searches and full activities, never people."
        periodLabel={period.label}
        links={reportLinks(access)}
        search={search}
      />
      <p>
        <Link to={`/reports/gaps${search}`}>Back to the gap map</Link> ·{" "}
        <a href={osm} rel="noopener noreferrer">
          This square in OpenStreetMap
        </a>
      </p>
      <p className="lede">
        In this period: <strong>{total.text}</strong> {total.value === 1 ? "time" : "times"} demand went unmet here.
      </p>
      <ReportFilters query={query} raw={raw} errors={errors} categories={categories} />
      <ReportBarChart table={tables.months} summary="Searches that found little, month by month (referrals turned away as full are in the table)." csvHref={csv("months")} empty="Nothing was recorded here in this period." note={smallNote} />
      <ReportTableView table={tables.asked} csvHref={csv("asked")} empty="Nothing was recorded here in this period." note={smallNote} headingLevel={2} />
      <ReportTableView table={tables.nearest} csvHref={csv("nearest")} empty="No activity of these kinds is listed anywhere yet." headingLevel={2} />
    </div>
  );
}
