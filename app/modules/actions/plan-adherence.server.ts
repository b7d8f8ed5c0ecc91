/**
 * Adherence of whole plans, for the reports that leave Linkway (the summary
 * back to the GP, the caseload export). The rule is planAdherence in
 * rhythm.ts; callers scope the referral ids to what the viewer may see.
 */
import { getDb, type Executor } from "#db/client";
import { now as clockNow } from "~/utils/clock.server";
import { loadPlans } from "./plan.server";
import { dayOf, planAdherence } from "./rhythm";

export type PlanAdherence = ReturnType<typeof planAdherence>;

/** Per referral that has connection actions, its adherence today; referrals without actions are absent. */
export async function adherenceOfReferrals(referralIds: readonly string[], now: Date = clockNow(), executor?: Executor): Promise<Map<string, PlanAdherence>> {
  const plans = await loadPlans(executor ?? (await getDb()), referralIds);
  const today = dayOf(now);
  const result = new Map<string, PlanAdherence>();
  for (const [id, plan] of plans) if (plan.actions.length > 0) result.set(id, planAdherence(plan.actions, today));
  return result;
}
