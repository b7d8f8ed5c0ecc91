import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/index.server";
import { areaDashboard, dashboardCsv, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

/** GET /reports/area.csv?table=… — one table of the area dashboard (suppressed as on the page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const dashboard = await areaDashboard(viewerOf(current), reportQueryFrom(request).query, now());
  const csv = dashboard && dashboardCsv("area", dashboard, readQuery(request).get("table"));
  if (!csv) throw notFound();
  return csv;
}
