/**
 * A referring team's referrals one by one, as a spreadsheet: reference codes
 * only, unless the person exporting ticks "include names". Every export is
 * written to the audit log with that choice, because a file with names in it
 * leaves the site.
 */
import { sql } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { recordAudit } from "~/modules/accounts/index.server";
import { adherenceOfReferrals } from "~/modules/actions/index.server";
import { attendedSql, noShowSql } from "~/modules/bookings/index.server";
import { declineReasonKindLabels, statusLabels, type DeclineReasonKind, type ReferralStatus } from "~/modules/referrals";
import { csvFileName, csvResponse, csvText } from "./csv.server";
import { resolvePeriod, type ReportQuery } from "./period";
import { categoryNames } from "./referrer-dashboard.server";
import { rowsOf } from "./referral-figures.server";
import { organisationScope, type ReportViewer } from "./scope.server";

export async function exportCaseload(viewer: ReportViewer, query: ReportQuery, options: { includeNames: boolean; ip?: string | null }, now: Date): Promise<Response | null> {
  const scope = await organisationScope(viewer, "referrer", query.org);
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const db = await getReadDb();
  const result = await db.execute(sql`
    SELECT r.id, r.code, r.person_first_name, r.person_last_name, r.details_removed_at, a.title, a.category, r.created_at, r.status,
      r.decline_reason_kind, r.stalled_reason,
      (SELECT count(*)::int FROM bookings b WHERE b.referral_id = r.id AND b.status = 'booked' AND ${sql.raw(attendedSql("b"))}) AS attended,
      (SELECT count(*)::int FROM bookings b WHERE b.referral_id = r.id AND b.status = 'booked' AND ${sql.raw(noShowSql("b"))}) AS no_shows,
      (SELECT min(s.starts_at) FROM bookings b JOIN sessions s ON s.id = b.session_id WHERE b.referral_id = r.id AND ${sql.raw(attendedSql("b"))}) AS first_attended
    FROM referrals r LEFT JOIN activities a ON a.id = r.activity_id
    WHERE r.referrer_organisation_id = ${scope.organisationId}
      AND r.created_at >= ${period.start.toISOString()}::timestamptz AND r.created_at < ${period.end.toISOString()}::timestamptz
    ORDER BY r.created_at, r.code`);
  const rows = rowsOf<Record<string, unknown>>(result);
  const nameOf = await categoryNames();
  const actions = await adherenceOfReferrals(rows.map((r) => String(r.id)), now, db);
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : "");
  const columns = ["Reference", ...(options.includeNames ? ["First name", "Last name"] : []), "Activity", "Kind of activity", "Referred at", "Status", "Sessions attended", "Sessions missed", "First session attended", "Connection actions done", "Connection actions missed", "Connection actions followed (%)", "Why declined", "Stalled"];
  const lines = rows.map((r) => {
    const plan = actions.get(String(r.id));
    return [
    String(r.code),
    ...(options.includeNames ? (r.details_removed_at ? ["(removed)", "(removed)"] : [String(r.person_first_name), String(r.person_last_name)]) : []),
    // A referral of connection actions only has no activity.
    r.title === null ? "Connection actions only" : String(r.title),
    r.category === null ? "" : nameOf(String(r.category)),
    iso(r.created_at),
    statusLabels[r.status as ReferralStatus] ?? String(r.status),
    String(r.attended),
    String(r.no_shows),
    iso(r.first_attended),
    plan ? String(plan.done) : "",
    plan ? String(plan.missed) : "",
    plan?.share != null ? String(plan.share) : "",
    r.decline_reason_kind ? declineReasonKindLabels[r.decline_reason_kind as DeclineReasonKind] : "",
    r.stalled_reason ? "Yes" : "",
  ];
  });
  await recordAudit({
    action: options.includeNames ? "report.exported_with_names" : "report.exported",
    actorUserId: viewer.id,
    targetType: "organisation",
    targetId: scope.organisationId,
    ip: options.ip ?? null,
    details: { report: "caseload", from: period.fromDate, to: period.toDate, rows: rows.length, includeNames: options.includeNames },
  });
  return csvResponse(csvText(columns, lines), csvFileName("referrals", options.includeNames ? "each-referral-with-names" : "each-referral", period));
}
