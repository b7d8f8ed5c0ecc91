import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/index.server";
import { dashboardCsv, referrerDashboard, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

/** GET /reports/referrals.csv?table=… — one table of the referrer dashboard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const dashboard = await referrerDashboard(viewerOf(current), reportQueryFrom(request).query, now());
  const csv = dashboard && dashboardCsv("referrals", dashboard, readQuery(request).get("table"));
  if (!csv) throw notFound();
  return csv;
}
