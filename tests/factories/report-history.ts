/**
 * A referral's history written as rows, for report tests that need exact
 * dates and marks: the referral, its status events (as the lifecycle writes
 * them), its bookings with attendance, and its wellbeing scores.
 */
import { getDb } from "../../db/client";
import { outcomeResponses, referralEvents, type referrals } from "../../db/schema";
import { type Ucla3Answers, ucla3Score } from "~/modules/outcomes/index.server";
import { addDays } from "~/utils/time";
import { createBooking, createReferral } from "./referral-rows";

type Status = (typeof referrals.$inferSelect)["status"];

export interface HistorySpec {
  activityId: string;
  referrerUserId?: string | null;
  referrerOrganisationId?: string | null;
  createdAt: Date;
  /** The statuses it went through after "sent", in order; the last is its status now. */
  path?: Status[];
  attended?: string[];
  noShows?: string[];
  /** Booked on these, not marked yet. */
  booked?: string[];
  declineReasonKind?: "full" | "not_suitable" | "not_running" | "cannot_contact" | "other";
  stalledReason?: "two_no_shows" | "no_booking";
  reasons?: string[];
  ons4?: { baseline?: Record<string, number>; followUp?: Record<string, number> };
  ucla3?: { baseline?: number; followUp?: number };
}

export async function createHistory(spec: HistorySpec) {
  const db = await getDb();
  const path = spec.path ?? [];
  const status: Status = path.at(-1) ?? "sent";
  const referral = await createReferral({
    activityId: spec.activityId,
    referrerUserId: spec.referrerUserId ?? null,
    referrerOrganisationId: spec.referrerOrganisationId ?? null,
    source: spec.referrerOrganisationId ? "referrer" : "self",
    status,
    createdAt: spec.createdAt,
    statusChangedAt: addDays(spec.createdAt, path.length),
    declineReasonKind: status === "declined" ? (spec.declineReasonKind ?? "other") : null,
    declineReason: status === "declined" ? "Sorry" : null,
    stalledAt: spec.stalledReason ? addDays(spec.createdAt, 5) : null,
    stalledReason: spec.stalledReason ?? null,
    reasons: spec.reasons ?? ["loneliness"],
  });
  let from: Status = "sent";
  await db.insert(referralEvents).values({ referralId: referral.id, at: spec.createdAt, kind: "status", toStatus: "sent", actorType: "system" });
  for (const [i, to] of path.entries()) {
    await db.insert(referralEvents).values({ referralId: referral.id, at: addDays(spec.createdAt, i + 1), kind: "status", fromStatus: from, toStatus: to, actorType: "system" });
    from = to;
  }
  const marks: [string, "attended" | "no_show" | "unmarked"][] = [
    ...(spec.attended ?? []).map((s) => [s, "attended"] as [string, "attended"]),
    ...(spec.noShows ?? []).map((s) => [s, "no_show"] as [string, "no_show"]),
    ...(spec.booked ?? []).map((s) => [s, "unmarked"] as [string, "unmarked"]),
  ];
  // Each booking takes its place through the bookings module, so the sessions' counts stay true.
  for (const [sessionId, attendance] of marks) await createBooking(referral.id, sessionId, attendance === "unmarked" ? {} : { attendance });
  const rows: (typeof outcomeResponses.$inferInsert)[] = [];
  if (spec.ons4?.baseline) rows.push({ referralId: referral.id, instrument: "ons4", phase: "baseline", answers: spec.ons4.baseline, createdAt: spec.createdAt });
  if (spec.ons4?.followUp) rows.push({ referralId: referral.id, instrument: "ons4", phase: "follow_up", answers: spec.ons4.followUp, createdAt: addDays(spec.createdAt, 40) });
  const ucla = (score: number): Ucla3Answers => {
    // Any answers that the instrument scores as this total (each 1–3).
    const a = Math.min(3, score - 2);
    const b = Math.min(3, score - a - 1);
    return { lack_companionship: a, left_out: b, isolated: score - a - b } as Ucla3Answers;
  };
  const ucla3Row = (phase: "baseline" | "follow_up", total: number, createdAt: Date) => {
    const answers = ucla(total);
    return { referralId: referral.id, instrument: "ucla3" as const, phase, answers, score: ucla3Score(answers), createdAt };
  };
  if (spec.ucla3?.baseline !== undefined) rows.push(ucla3Row("baseline", spec.ucla3.baseline, spec.createdAt));
  if (spec.ucla3?.followUp !== undefined) rows.push(ucla3Row("follow_up", spec.ucla3.followUp, addDays(spec.createdAt, 40)));
  if (rows.length) await db.insert(outcomeResponses).values(rows);
  return referral;
}
