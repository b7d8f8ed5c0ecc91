/**
 * The message back to the GP and the referrer when a referral ends, under the
 * headings of the PRSB Social Prescribing Standard's "message back to GP and
 * referrer": who, the referral, what matters to the person, what was offered,
 * what was taken up, sessions attended, wellbeing before and after, the
 * outcome and its date — with the SNOMED CT code for the referral and the
 * same words as plain text to paste into the GP record.
 * Only the referring team sees it (it names the person: it is their caseload).
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { listMemberships } from "~/modules/accounts/index.server";
import { SITE_TIMEZONE } from "~/modules/actions";
import { adherenceOfReferrals, type PlanAdherence } from "~/modules/actions/index.server";
import { getReferralCase } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { formatInTimezone } from "~/utils/time";
import { rowsOf } from "./referral-figures.server";
import type { ReportViewer } from "./scope.server";

/** SNOMED CT: "Referral to social prescribing service (procedure)". */
export const SOCIAL_PRESCRIBING_REFERRAL_SNOMED = { code: "871731000000106", display: "Referral to social prescribing service" } as const;

const endings = {
  completed: "Completed the activity",
  disengaged: "Stopped going",
  declined: "The organiser could not offer a place",
  withdrawn: "Withdrawn",
  expired: "Expired: nobody acted on the referral in time",
} as const;

export interface GpSummarySection {
  heading: string;
  lines: { label: string; value: string }[];
}

export type GpSummary =
  | { kind: "not_ended"; code: string; statusLabel: string; referralId: string }
  | { kind: "ready"; code: string; referralId: string; sections: GpSummarySection[]; plainText: string };

/** The connection actions' lines: done, missed and the share followed, as the actions module defines them. */
function actionLines(a: PlanAdherence): { label: string; value: string }[] {
  return [
    { label: "Connection actions done", value: String(a.done) },
    { label: "Connection actions missed", value: String(a.missed) },
    { label: "Connection actions followed", value: a.share === null ? "None were due" : `${a.share}% of those due` },
  ];
}

export async function gpSummary(viewer: ReportViewer, referralId: string, now: Date = clockNow()): Promise<GpSummary | null> {
  if (!isUuid(referralId)) return null;
  const organisationIds = (await listMemberships(viewer.id)).filter((m) => m.kind === "referrer").map((m) => m.organisationId);
  const c = await getReferralCase(referralId, organisationIds);
  if (!c) return null;
  if (!(c.status in endings)) return { kind: "not_ended", code: c.code, statusLabel: c.statusLabel, referralId: c.id };
  const db = await getDb();
  // A referral of connection actions only has no activity (so no activity time zone): the site's zone.
  const [row] = rowsOf<{ created_at: string; status_changed_at: string; timezone: string | null }>(
    await db.execute(sql`SELECT r.created_at, r.status_changed_at, a.timezone FROM referrals r LEFT JOIN activities a ON a.id = r.activity_id WHERE r.id = ${c.id}`),
  );
  const tz = row.timezone ?? SITE_TIMEZONE;
  const actions = (await adherenceOfReferrals([c.id], now)).get(c.id);
  const date = (v: string) => formatInTimezone(new Date(v), tz, "fullDate");
  const attended = c.bookings.filter((b) => b.attendance === "Attended" || (!b.attendance && b.selfReported === "Said they went")).length;
  const missed = c.bookings.filter((b) => b.attendance === "Did not attend" || (!b.attendance && b.selfReported === "Said they could not go")).length;
  const wellbeing = c.outcomes.measures.map((m) => ({
    label: m.label,
    value: m.baseline || m.followUp
      ? `before ${m.baseline ? m.baseline.value : "not answered"}, after ${m.followUp ? m.followUp.value : "not answered"}${m.change !== null ? ` (${m.direction === "same" ? "no change" : `${m.direction}, ${m.change > 0 ? "+" : ""}${m.change}`})` : ""}`
      : "Not answered",
  }));
  const sections: GpSummarySection[] = [
    {
      heading: "Person",
      lines: [
        { label: "Name", value: c.detailsRemoved ? "Details removed at the person's request or after the retention period" : `${c.person.firstName} ${c.person.lastName}` },
        { label: "Linkway reference", value: c.code },
      ],
    },
    {
      heading: "Referral",
      lines: [
        { label: "Referral", value: `${SOCIAL_PRESCRIBING_REFERRAL_SNOMED.display} (SNOMED CT ${SOCIAL_PRESCRIBING_REFERRAL_SNOMED.code})` },
        { label: "Date of referral", value: date(row.created_at) },
        { label: "Referred by", value: c.referredBy ?? "Not recorded" },
      ],
    },
    { heading: "What matters to the person", lines: [{ label: "Reasons", value: c.reasons.length ? c.reasons.join("; ") : "Not recorded" }] },
    { heading: "What was offered", lines: [{ label: "Activity", value: c.activity ? `${c.activity.title}, run by ${c.activity.organisationName}${c.activity.where ? ` (${c.activity.where})` : ""}` : "Connection actions only (no activity)" }] },
    {
      heading: "What was taken up",
      lines: [
        ...(c.activity
          ? [
              { label: "Sessions booked", value: String(c.bookings.filter((b) => b.status !== "Cancelled").length) },
              { label: "Sessions attended", value: String(attended) },
              { label: "Sessions missed", value: String(missed) },
            ]
          : []),
        ...(actions ? actionLines(actions) : []),
      ],
    },
    { heading: "Wellbeing before and after", lines: wellbeing },
    {
      heading: "Outcome",
      lines: [
        { label: "Outcome", value: endings[c.status as keyof typeof endings] },
        ...(c.status === "declined" && c.declineReason ? [{ label: "Reason given", value: c.declineReason }] : []),
        { label: "Date", value: date(row.status_changed_at) },
      ],
    },
  ];
  const plainText = [
    "Social prescribing: message back to GP and referrer (Linkway)",
    ...sections.flatMap((s) => [`${s.heading.toUpperCase()}`, ...s.lines.map((l) => `${l.label}: ${l.value}`)]),
  ].join("\n");
  return { kind: "ready", code: c.code, referralId: c.id, sections, plainText };
}
