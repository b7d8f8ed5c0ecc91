import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientContext, requireUser } from "~/modules/accounts/index.server";
import { exportCaseload, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

/** GET /reports/referrals/caseload.csv — each referral of the team in the period; names only with names=1 (audit-logged). */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const includeNames = readQuery(request).get("names") === "1";
  const csv = await exportCaseload(viewerOf(current), reportQueryFrom(request).query, { includeNames, ip: clientContext(request).ip }, now());
  if (!csv) throw notFound();
  return csv;
}
