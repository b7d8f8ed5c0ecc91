import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/index.server";
import { gapCellSchema } from "~/modules/reports";
import { dashboardCsv, gapEvidence, gapMap, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { now } from "~/utils/clock.server";
import { notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";

/** GET /reports/gaps.csv?table=… (and &cell=… for one place's evidence) — suppressed as on the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const params = readQuery(request);
  const query = reportQueryFrom(request).query;
  const cellParam = params.get("cell");
  const cell = cellParam === null ? null : gapCellSchema.safeParse(cellParam);
  if (cell && !cell.success) throw notFound();
  const report = cell ? await gapEvidence(viewerOf(current), query, cell.data!, now()) : await gapMap(viewerOf(current), query, now());
  const csv = report && dashboardCsv(cell ? `gaps-${cell.data!.id}` : "gaps", report, params.get("table"));
  if (!csv) throw notFound();
  return csv;
}
