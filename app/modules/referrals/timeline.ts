/**
 * A referral's events in plain words. Every kind the product writes has a
 * description (status, booking, attendance, self_report, outcome, stalled,
 * note, details_removed, action); an unknown kind still shows, so nothing on the timeline is hidden.
 * Pure and browser-safe.
 */
import { statusLabels, type ReferralStatus } from "./lifecycle";
import { formatInTimezone } from "~/utils/time";

export interface TimelineEvent {
  at: Date;
  kind: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus | null;
  actorType: "user" | "person" | "system" | "register_link";
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface TimelineEntry {
  at: string;
  atIso: string;
  kind: string;
  title: string;
  detail: string | null;
  by: string;
}

const bookingActions: Record<string, string> = {
  booked: "Booked a session",
  waitlisted: "Joined the waitlist for a session",
  offered: "Offered a place from the waitlist",
  cancelled: "Booking cancelled",
  offer_lapsed: "Waitlist offer lapsed",
  session_reinstated: "Cancelled session back on",
};

const instrumentNames: Record<string, string> = { ons4: "Wellbeing (ONS4)", ucla3: "Loneliness (UCLA-3)" };
const phaseNames: Record<string, string> = { baseline: "before starting", follow_up: "follow-up" };

function sessionPhrase(data: Record<string, unknown> | null, timezone: string): string | null {
  const startsAt = typeof data?.startsAt === "string" ? new Date(data.startsAt) : null;
  return startsAt && !Number.isNaN(startsAt.getTime()) ? `Session on ${formatInTimezone(startsAt, timezone, "datetime")}` : null;
}

function actorLabel(e: TimelineEvent): string {
  switch (e.actorType) {
    case "user":
      return e.actorName ?? "A staff member";
    case "person":
      return "The person";
    case "register_link":
      return "Organiser (register link)";
    case "system":
      return "Linkway";
  }
}

export function describeReferralEvent(e: TimelineEvent, timezone: string): TimelineEntry {
  const base = { at: formatInTimezone(e.at, timezone, "datetime"), atIso: e.at.toISOString(), kind: e.kind, by: actorLabel(e) };
  const session = sessionPhrase(e.data, timezone);
  const withNote = (...parts: (string | null)[]) => [...parts, e.note ? `“${e.note}”` : null].filter(Boolean).join(". ") || null;
  switch (e.kind) {
    case "status": {
      const title = e.fromStatus
        ? `${statusLabels[e.fromStatus]} → ${e.toStatus ? statusLabels[e.toStatus] : "?"}`
        : `Referral ${e.toStatus ? statusLabels[e.toStatus].toLowerCase() : "made"}`;
      return { ...base, title, detail: withNote(session) };
    }
    case "booking": {
      const action = typeof e.data?.action === "string" ? e.data.action : "";
      return { ...base, title: bookingActions[action] ?? "Booking changed", detail: withNote(session) };
    }
    case "attendance": {
      const mark = e.data?.attendance;
      const title = mark === "attended" ? "Attended" : mark === "no_show" ? "Did not attend" : "Attendance mark removed";
      return { ...base, title, detail: withNote(session) };
    }
    case "self_report": {
      const said = e.data?.selfReported ?? e.data?.answer;
      const title = said === "went" ? "Said they went" : said === "missed" ? "Said they could not go" : "Said how a session went";
      return { ...base, title, detail: withNote(session) };
    }
    case "outcome": {
      const instrument = instrumentNames[String(e.data?.instrument)] ?? "Wellbeing check";
      const phase = phaseNames[String(e.data?.phase)] ?? "";
      const score = typeof e.data?.score === "number" ? `score ${e.data.score}` : null;
      return { ...base, title: `${instrument} answered${phase ? `, ${phase}` : ""}`, detail: withNote(score) };
    }
    case "stalled":
      // The note carries the reason in words (the data holds its key, for reports).
      return { ...base, title: e.data?.cleared ? "No longer stalled" : "Flagged as stalled", detail: e.note ?? (typeof e.data?.reason === "string" ? e.data.reason : null) };
    case "note":
      return { ...base, title: "Note", detail: e.note };
    case "details_removed":
      return { ...base, title: "Personal details removed", detail: e.note };
    case "action": {
      const titles: Record<string, string> = { added: "Connection action added", stopped: "Connection action stopped" };
      return { ...base, title: titles[String(e.data?.change)] ?? "Connection action changed", detail: e.note };
    }
    default:
      return { ...base, title: e.kind, detail: withNote(session) };
  }
}

/** Short names of event kinds, for the caseload's "last change" column. */
export const eventKindLabels: Record<string, string> = {
  status: "Status changed",
  booking: "Booking",
  attendance: "Attendance",
  self_report: "The person's own report",
  outcome: "Wellbeing check",
  stalled: "Stalled",
  note: "Note",
  details_removed: "Personal details removed",
  action: "Connection action",
};
