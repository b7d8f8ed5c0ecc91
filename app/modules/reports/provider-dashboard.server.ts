/**
 * A provider organisation's figures for its own activities only: referrals
 * received and accepted, sessions held, places booked, attendance and
 * no-shows, how full sessions are, the waitlist and how often a freed place
 * offered from it is taken. Sessions where fewer than half of those booked
 * came are listed, so an organiser can ask why.
 */
import { sql } from "drizzle-orm";
import { getReadDb } from "#db/client";
import { attendedSql, noShowSql } from "~/modules/bookings/index.server";
import { formatInTimezone } from "~/utils/time";
import { resolvePeriod, type Period, type ReportQuery } from "./period";
import { funnelBy, rowsOf } from "./referral-figures.server";
import type { ReportTable } from "./report-table";
import { organisationScope, type OrganisationScope, type ReportViewer } from "./scope.server";
import { countCell, rateCell } from "./small-numbers";

export interface SessionFigures {
  sessionId: string;
  activityId: string;
  startsAt: Date;
  capacity: number;
  booked: number;
  attended: number;
  noShow: number;
  marked: number;
}

/** Fewer than half of those booked came (once anyone is marked). */
export const isLowAttendance = (s: Pick<SessionFigures, "booked" | "attended" | "marked">) => s.marked > 0 && s.booked > 0 && s.attended * 2 < s.booked;

export interface ProviderDashboard {
  scope: OrganisationScope;
  period: Period;
  activities: { id: string; title: string }[];
  /** The activity whose sessions are drawn. */
  chosen: { id: string; title: string; timezone: string } | null;
  tables: { activities: ReportTable; sessions: ReportTable; lowAttendance: ReportTable };
}

async function sessionFigures(organisationId: string, period: Period, now: Date): Promise<SessionFigures[]> {
  const db = await getReadDb();
  const until = new Date(Math.min(period.end.getTime(), now.getTime()));
  const result = await db.execute(sql`
    SELECT s.id, s.activity_id, s.starts_at, s.capacity,
      count(b.id) FILTER (WHERE b.status = 'booked')::int AS booked,
      count(b.id) FILTER (WHERE b.status = 'booked' AND ${sql.raw(attendedSql("b"))})::int AS attended,
      count(b.id) FILTER (WHERE b.status = 'booked' AND ${sql.raw(noShowSql("b"))})::int AS no_show,
      count(b.id) FILTER (WHERE b.status = 'booked' AND (b.attendance <> 'unmarked' OR b.self_reported IS NOT NULL))::int AS marked
    FROM sessions s
    JOIN activities a ON a.id = s.activity_id
    LEFT JOIN bookings b ON b.session_id = s.id
    WHERE a.organisation_id = ${organisationId} AND s.status = 'scheduled'
      AND s.starts_at >= ${period.start.toISOString()}::timestamptz AND s.starts_at < ${until.toISOString()}::timestamptz
    GROUP BY s.id ORDER BY s.starts_at`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    sessionId: String(r.id),
    activityId: String(r.activity_id),
    startsAt: new Date(r.starts_at as string),
    capacity: Number(r.capacity),
    booked: Number(r.booked),
    attended: Number(r.attended),
    noShow: Number(r.no_show),
    marked: Number(r.marked),
  }));
}

async function waitlists(organisationId: string, period: Period, now: Date) {
  const db = await getReadDb();
  const [waiting, offers] = await Promise.all([
    db.execute(sql`
      SELECT s.activity_id, count(*)::int AS n FROM bookings b JOIN sessions s ON s.id = b.session_id JOIN activities a ON a.id = s.activity_id
      WHERE a.organisation_id = ${organisationId} AND b.status IN ('waitlisted', 'offered') AND s.starts_at > ${now.toISOString()}::timestamptz
      GROUP BY 1`),
    // An offer is taken when the same booking is later booked (the booking events on the referral's timeline).
    db.execute(sql`
      SELECT a.id AS activity_id, count(*)::int AS offered,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM referral_events t WHERE t.referral_id = o.referral_id AND t.kind = 'booking'
            AND t.data->>'action' = 'booked' AND t.data->>'bookingId' = o.data->>'bookingId' AND t.at >= o.at))::int AS taken
      FROM referral_events o JOIN referrals r ON r.id = o.referral_id JOIN activities a ON a.id = r.activity_id
      WHERE a.organisation_id = ${organisationId} AND o.kind = 'booking' AND o.data->>'action' = 'offered'
        AND o.at >= ${period.start.toISOString()}::timestamptz AND o.at < ${period.end.toISOString()}::timestamptz
      GROUP BY 1`),
  ]);
  return {
    waiting: new Map(rowsOf<{ activity_id: string; n: number }>(waiting).map((r) => [String(r.activity_id), Number(r.n)])),
    offers: new Map(rowsOf<{ activity_id: string; offered: number; taken: number }>(offers).map((r) => [String(r.activity_id), { offered: Number(r.offered), taken: Number(r.taken) }])),
  };
}

export async function providerDashboard(viewer: ReportViewer, query: ReportQuery, now: Date): Promise<ProviderDashboard | null> {
  const scope = await organisationScope(viewer, "provider", query.org);
  if (!scope) return null;
  const period = resolvePeriod(query, now);
  const db = await getReadDb();
  const [activityRows, funnel, sessions, lists] = await Promise.all([
    db.execute(sql`SELECT id, title, timezone FROM activities WHERE organisation_id = ${scope.organisationId} AND status <> 'draft' ORDER BY title`),
    funnelBy(period, sql`a.organisation_id = ${scope.organisationId}`, "activity"),
    sessionFigures(scope.organisationId, period, now),
    waitlists(scope.organisationId, period, now),
  ]);
  const activities = rowsOf<{ id: string; title: string; timezone: string }>(activityRows).map((a) => ({ id: String(a.id), title: a.title, timezone: a.timezone }));
  const titleOf = new Map(activities.map((a) => [a.id, a]));
  const funnelOf = new Map(funnel.map((f) => [f.key, f]));

  const activityTable: ReportTable = {
    id: "activities",
    title: "Your activities",
    columns: ["Activity", "Referrals received", "Share accepted", "Sessions held", "Places booked", "Attended", "No-show rate", "Fill rate", "On the waitlist now", "Waitlist offers taken"],
    rows: activities.map((a) => {
      const f = funnelOf.get(a.id);
      const own = sessions.filter((s) => s.activityId === a.id);
      const booked = own.reduce((n, s) => n + s.booked, 0);
      const attended = own.reduce((n, s) => n + s.attended, 0);
      const noShow = own.reduce((n, s) => n + s.noShow, 0);
      const capacity = own.reduce((n, s) => n + s.capacity, 0);
      const offers = lists.offers.get(a.id) ?? { offered: 0, taken: 0 };
      return {
        label: a.title,
        cells: [
          countCell(f?.referred ?? 0, false),
          rateCell(f?.accepted ?? 0, f?.referred ?? 0, false),
          countCell(own.length, false),
          countCell(booked, false),
          countCell(attended, false),
          rateCell(noShow, attended + noShow, false),
          rateCell(booked, capacity, false),
          countCell(lists.waiting.get(a.id) ?? 0, false),
          offers.offered ? { ...rateCell(offers.taken, offers.offered, false), text: `${offers.taken} of ${offers.offered}` } : { value: null, text: "None offered" },
        ],
      };
    }),
  };

  const withSessions = activities.filter((a) => sessions.some((s) => s.activityId === a.id));
  const chosenActivity = (query.activity && titleOf.get(query.activity)) || withSessions[0] || activities[0] || null;
  const chosenSessions = chosenActivity ? sessions.filter((s) => s.activityId === chosenActivity.id) : [];
  const when = (s: SessionFigures) => formatInTimezone(s.startsAt, titleOf.get(s.activityId)?.timezone ?? "Europe/London", "datetime");
  const sessionTable: ReportTable = {
    id: "sessions",
    title: chosenActivity ? `Attendance per session: ${chosenActivity.title}` : "Attendance per session",
    columns: ["Session", "Places", "Booked", "Attended", "Did not attend", "No-show rate"],
    rows: chosenSessions.map((s) => ({
      label: when(s),
      cells: [countCell(s.capacity, false), countCell(s.booked, false), countCell(s.attended, false), countCell(s.noShow, false), rateCell(s.noShow, s.attended + s.noShow, false)],
    })),
  };
  const low = sessions.filter(isLowAttendance);
  const lowTable: ReportTable = {
    id: "low-attendance",
    title: "Sessions where fewer than half of those booked came",
    columns: ["Session", "Activity", "Booked", "Attended", "Share who came"],
    rows: low.map((s) => ({
      label: when(s),
      cells: [{ value: null, text: titleOf.get(s.activityId)?.title ?? "" }, countCell(s.booked, false), countCell(s.attended, false), rateCell(s.attended, s.booked, false)],
    })),
  };
  return {
    scope,
    period,
    activities: activities.map(({ id, title }) => ({ id, title })),
    chosen: chosenActivity,
    tables: { activities: activityTable, sessions: sessionTable, lowAttendance: lowTable },
  };
}
