import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/index.server";
import { dashboardCsv, impactReport, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

/** GET /reports/impact.csv?table=… — one table of the wellbeing report. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const params = readQuery(request);
  const report = await impactReport(viewerOf(current), { ...reportQueryFrom(request).query, view: params.get("view") ?? undefined }, now());
  const csv = report && dashboardCsv("impact", report, params.get("table"));
  if (!csv) throw notFound();
  return csv;
}
