/**
 * A referring team's own figures: the funnel of the referrals it made in the
 * period, how long people take to get to a first session, what stalls, why
 * organisers declined, and the same by kind of activity and by referrer.
 * An owner sees each colleague by name; a member sees "You" and "Others in
 * your team". Nothing is suppressed: these are the team's own people.
 */
import { sql } from "drizzle-orm";
import { listCategoryOptions } from "~/modules/activities/index.server";
import { declineReasonKindLabels, type DeclineReasonKind } from "~/modules/referrals";
import { getReadDb } from "#db/client";
import { users } from "#db/schema";
import { inArray } from "drizzle-orm";
import { breakdownTable, funnelTable, medianCell, stalledTable } from "./funnel-tables";
import { resolvePeriod, type Period, type ReportQuery } from "./period";
import { declinesByKind, emptyFunnel, funnelBy, referralsOverTime, type FunnelCounts } from "./referral-figures.server";
import type { ReportTable } from "./report-table";
import { organisationScope, type OrganisationScope, type ReportViewer } from "./scope.server";
import { countCell, rateCell, type Cell } from "./small-numbers";
import { trendTable } from "./trend";

export interface ReferrerDashboard {
  scope: OrganisationScope;
  period: Period;
  total: FunnelCounts;
  medianDays: Cell;
  tables: { funnel: ReportTable; stalled: ReportTable; declines: ReportTable; byCategory: ReportTable; byReferrer: ReportTable; trend: ReportTable };
}

export async function categoryNames(): Promise<(slug: string) => string> {
  const names = new Map((await listCategoryOptions()).map((c) => [c.slug, c.name]));
  return (slug) => names.get(slug) ?? slug;
}

export function declinesTable(rows: { kind: string; count: number }[], suppress: boolean): ReportTable {
  const total = rows.reduce((a, r) => a + r.count, 0);
  return {
    id: "declines",
    title: "Why organisers declined",
    columns: ["Main reason", "Declined", "Share of declines"],
    rows: rows.map((r) => ({
      label: declineReasonKindLabels[r.kind as DeclineReasonKind] ?? r.kind,
      cells: [countCell(r.count, suppress), rateCell(r.count, total, suppress)],
    })),
  };
}

export async function referrerDashboard(viewer: ReportViewer, query: ReportQuery, now: Date): Promise<ReferrerDashboard | null> {
  const scope = await organisationScope(viewer, "referrer", query.org);
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const where = sql`r.referrer_organisation_id = ${scope.organisationId}`;
  const [totals, byCategory, byUser, declines, trend, nameOfCategory] = await Promise.all([
    funnelBy(period, where, "all"),
    funnelBy(period, where, "category"),
    funnelBy(period, where, "referrer_user"),
    declinesByKind(period, where),
    referralsOverTime(period, where),
    categoryNames(),
  ]);
  const total = totals[0] ?? emptyFunnel();
  return {
    scope,
    period,
    total,
    medianDays: medianCell(total, false),
    tables: {
      funnel: funnelTable(total, false),
      stalled: stalledTable(total, false),
      declines: declinesTable(declines, false),
      byCategory: breakdownTable("by-category", "By kind of activity", "Kind of activity", byCategory, nameOfCategory, false),
      byReferrer: await referrerBreakdown(scope, byUser),
      trend: trendTable(period, trend, false),
    },
  };
}

/** Owners see each colleague; members see themselves and the rest of the team together. */
async function referrerBreakdown(scope: OrganisationScope, rows: FunnelCounts[]): Promise<ReportTable> {
  let shown = rows;
  let nameOf: (key: string) => string;
  if (scope.role === "owner") {
    const ids = rows.map((r) => r.key).filter((k) => k !== "self");
    const db = await getReadDb();
    const people = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    nameOf = (key) => (key === scope.userId ? `${names.get(key) ?? "You"} (you)` : (names.get(key) ?? "A former member"));
  } else {
    const mine = rows.filter((r) => r.key === scope.userId);
    const others = rows.filter((r) => r.key !== scope.userId);
    shown = [...mine, ...(others.length ? [sumFunnels("others", others)] : [])];
    nameOf = (key) => (key === scope.userId ? "You" : "Others in your team");
  }
  return breakdownTable("by-referrer", "By referrer", "Referrer", shown, nameOf, false);
}

/** Counts add up; a median does not, so a combined row has none. */
export function sumFunnels(key: string, rows: FunnelCounts[]): FunnelCounts {
  const sum = emptyFunnel(key);
  for (const r of rows) {
    for (const k of ["referred", "accepted", "booked", "attended", "completed", "declined", "open", "stalled", "stalledNoShows", "stalledNoBooking"] as const) sum[k] += r[k];
  }
  return sum;
}
