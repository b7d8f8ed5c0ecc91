/**
 * A referral's plan of actions with everything the person said about them:
 * what both the person's page and the referrer's page are built from.
 */
import { asc, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { actionLogs, referralActions, referrals } from "#db/schema";
import { isFinal } from "~/modules/referrals";
import { dayOf, type DayAnswer, type PlannedAction } from "./rhythm";

export interface PlanAction extends PlannedAction {
  id: string;
  title: string;
  howTo: string | null;
  stoppedAt: Date | null;
  answers: (DayAnswer & { note: string | null; recordedAt: Date })[];
}

export interface Plan {
  referralId: string;
  /** The referral has ended: nothing is due any more. */
  ended: boolean;
  actions: PlanAction[];
}

export async function loadPlan(executor: Executor, referralId: string): Promise<Plan | null> {
  return (await loadPlans(executor, [referralId])).get(referralId) ?? null;
}

/** The plans of many referrals in three queries (an export of a whole caseload), by referral id. */
export async function loadPlans(executor: Executor, referralIds: readonly string[]): Promise<Map<string, Plan>> {
  const plans = new Map<string, Plan>();
  if (referralIds.length === 0) return plans;
  const found = await executor
    .select({ id: referrals.id, status: referrals.status, statusChangedAt: referrals.statusChangedAt })
    .from(referrals)
    .where(inArray(referrals.id, [...referralIds]));
  if (found.length === 0) return plans;
  const rows = await executor
    .select()
    .from(referralActions)
    .where(inArray(referralActions.referralId, found.map((r) => r.id)))
    .orderBy(asc(referralActions.createdAt), asc(referralActions.title));
  const logs = rows.length
    ? await executor.select().from(actionLogs).where(inArray(actionLogs.referralActionId, rows.map((r) => r.id))).orderBy(asc(actionLogs.day))
    : [];
  for (const referral of found) {
    const ended = isFinal(referral.status);
    const endedOn = ended ? dayOf(referral.statusChangedAt) : null;
    plans.set(referral.id, {
      referralId: referral.id,
      ended,
      actions: rows
        .filter((r) => r.referralId === referral.id)
        .map((r) => {
          const stops = [r.stoppedAt ? dayOf(r.stoppedAt) : null, endedOn].filter((d): d is string => d !== null).sort();
          return {
            id: r.id,
            title: r.title,
            howTo: r.howTo,
            rhythm: r.rhythm,
            timesPerWeek: r.timesPerWeek,
            startsOn: r.startsOn,
            endsOn: r.endsOn,
            stoppedOn: stops[0] ?? null,
            stoppedAt: r.stoppedAt,
            answers: logs.filter((l) => l.referralActionId === r.id).map((l) => ({ day: l.day, outcome: l.outcome, note: l.note, recordedAt: l.recordedAt })),
          };
        }),
    });
  }
  return plans;
}
