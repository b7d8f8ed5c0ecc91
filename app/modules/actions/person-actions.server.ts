/**
 * The person's side, through their private link (no account): what to do
 * today and this week, and one answer per action per day ("I did it" or
 * "Not this time", with an optional note), which they can change that day.
 * The link's referral scopes everything: an action of another referral is
 * "not found", exactly like one that does not exist.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { actionLogs, referralActions } from "#db/schema";
import { findReferralByPersonToken } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { formatInTimezone } from "~/utils/time";
import { loadPlan, type PlanAction } from "./plan.server";
import { dayOf, isActiveOn, isOnTodaysList, rhythmLabel, SITE_TIMEZONE, weekSummary } from "./rhythm";
import type { LogActionValues } from "./schemas";

export interface PersonActionCard {
  id: string;
  title: string;
  howTo: string | null;
  rhythm: string;
  until: string;
  today: { outcome: "done" | "not_this_time"; note: string | null } | null;
  summary: string;
}

export interface PersonActionsPage {
  referralId: string;
  firstName: string;
  code: string;
  todayLabel: string;
  /** Still to do today (or answered today). */
  today: PersonActionCard[];
  /** Active this week but already done as often as planned before today. */
  laterThisWeek: PersonActionCard[];
  /** Starting on a later day. */
  upcoming: { id: string; title: string; starts: string }[];
  ended: boolean;
}

function card(action: PlanAction, today: string): PersonActionCard {
  const answer = action.answers.find((a) => a.day === today);
  return {
    id: action.id,
    title: action.title,
    howTo: action.howTo,
    rhythm: rhythmLabel(action),
    until: formatInTimezone(new Date(`${action.endsOn}T12:00:00Z`), SITE_TIMEZONE, "date"),
    today: answer ? { outcome: answer.outcome, note: answer.note } : null,
    summary: weekSummary(action, action.answers, today),
  };
}

/** The person's actions page, or null when the link does not work. */
export async function loadPersonActions(token: string, now: Date = clockNow()): Promise<PersonActionsPage | null> {
  const db = await getDb();
  const referral = await findReferralByPersonToken(db, token, now);
  if (!referral) return null;
  const plan = (await loadPlan(db, referral.id))!;
  const today = dayOf(now);
  const live = plan.actions.filter((a) => isActiveOn(a, today));
  return {
    referralId: referral.id,
    firstName: referral.personFirstName,
    code: referral.code,
    todayLabel: formatInTimezone(now, SITE_TIMEZONE, "date"),
    today: live.filter((a) => isOnTodaysList(a, a.answers, today)).map((a) => card(a, today)),
    laterThisWeek: live.filter((a) => !isOnTodaysList(a, a.answers, today)).map((a) => card(a, today)),
    upcoming: plan.actions
      .filter((a) => a.startsOn > today && !a.stoppedOn)
      .map((a) => ({ id: a.id, title: a.title, starts: formatInTimezone(new Date(`${a.startsOn}T12:00:00Z`), SITE_TIMEZONE, "date") })),
    ended: plan.ended,
  };
}

export type LogResult = { ok: true; message: string } | { ok: false; status: 404 | 409; message: string };

const notFound: LogResult = { ok: false, status: 404, message: "We could not find that action. It may have been taken off your list." };

/**
 * Records today's answer for one action. The same answer twice changes
 * nothing; a different one replaces it (a correction the same day).
 */
export async function logAction(
  referralId: string,
  values: LogActionValues,
  options: { now?: Date; via?: "page" | "link" | "text_reply" } = {},
): Promise<LogResult> {
  const now = options.now ?? clockNow();
  if (!isUuid(values.actionId)) return notFound;
  const db = await getDb();
  return db.transaction(async (tx): Promise<LogResult> => {
    const plan = (await loadPlan(tx, referralId))!;
    const action = plan.actions.find((a) => a.id === values.actionId);
    if (!action) return notFound;
    const today = dayOf(now);
    if (!isActiveOn(action, today)) {
      return { ok: false, status: 409, message: action.startsOn > today ? "This action has not started yet." : "This action has finished, so there is nothing to record today." };
    }
    // The row lock keeps two taps at once to one answer.
    await tx.select({ id: referralActions.id }).from(referralActions).where(eq(referralActions.id, action.id)).for("update");
    await tx
      .insert(actionLogs)
      .values({ referralActionId: action.id, day: today, outcome: values.outcome, note: values.note || null, via: options.via ?? "page", recordedAt: now, createdAt: now })
      .onConflictDoUpdate({
        target: [actionLogs.referralActionId, actionLogs.day],
        set: {
          outcome: values.outcome,
          // A tap from a message carries no note: keep the one they wrote.
          note: values.note === undefined ? sql`${actionLogs.note}` : values.note || null,
          via: options.via ?? "page",
          recordedAt: now,
        },
      });
    return { ok: true, message: values.outcome === "done" ? `Thank you. We have noted that you did “${action.title}” today.` : `Thank you for letting us know. There is always another day.` };
  });
}

/** The person logs from their page: the link decides whose actions they are. */
export async function logActionByToken(token: string, values: LogActionValues, now: Date = clockNow()): Promise<LogResult> {
  const db = await getDb();
  const referral = await findReferralByPersonToken(db, token, now);
  if (!referral) return { ok: false, status: 404, message: "This link has stopped working." };
  return logAction(referral.id, values, { now, via: "page" });
}

/** Whether the referral has any actions at all (the person's main page links to them). */
export async function countActions(referralId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(referralActions).where(and(eq(referralActions.referralId, referralId)));
  return Number(row?.n ?? 0);
}
