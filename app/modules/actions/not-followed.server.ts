/**
 * Acting when the actions are not followed: the referral is flagged as
 * stalled (the referrals module owns the flag and tells the referrer) when
 * fewer than half were done over the last two weeks, or when three
 * reminders in a row went unanswered; the flag clears itself when the
 * person answers again (any answer clears "unanswered", doing one clears
 * "behind").
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { referralActions, referrals } from "#db/schema";
import { isFinal } from "~/modules/referrals";
import { clearStall, flagStalledReferrals, raiseStall } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isBehindOnActions } from "./not-followed-rules";
import { loadPlan } from "./plan.server";
import { recentAdherence } from "./referrer-actions.server";
import { dayOf, daysBetween } from "./rhythm";

/** Worker job: flags open referrals whose actions are falling behind (once; the flag clears when they pick up). */
export async function flagActionsNotFollowed(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const today = dayOf(now);
  const db = await getDb();
  const candidates = await db
    .selectDistinct({ id: referrals.id })
    .from(referrals)
    .innerJoin(referralActions, eq(referralActions.referralId, referrals.id))
    .where(and(isNull(referrals.stalledAt), isNull(referrals.detailsRemovedAt), sql`${referralActions.startsOn} <= ${today}::date`))
    .limit(1000);
  return flagStalledReferrals(
    candidates.map((c) => c.id),
    async (tx, referral) => {
      if (isFinal(referral.status)) return null;
      const plan = (await loadPlan(tx, referral.id))!;
      const firstStart = plan.actions.map((a) => a.startsOn).sort()[0];
      return firstStart && isBehindOnActions(recentAdherence(plan, today), daysBetween(firstStart, today)) ? "actions_behind" : null;
    },
    now,
  );
}

/** Three reminders unanswered: flag the referral, unless it is already flagged for something else. Returns whether it did. */
export async function flagNudgesUnanswered(tx: Tx, referralId: string, now: Date): Promise<boolean> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
  if (!referral || referral.stalledAt || isFinal(referral.status)) return false;
  await raiseStall(tx, referral, "nudges_unanswered", now);
  return true;
}

/** The person answered: a stall about their actions clears itself. */
export async function clearActionStall(tx: Tx, referralId: string, outcome: "done" | "not_this_time", now: Date): Promise<void> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
  if (!referral?.stalledAt) return;
  if (referral.stalledReason === "nudges_unanswered" || (referral.stalledReason === "actions_behind" && outcome === "done")) {
    await clearStall(tx, referral, now, outcome === "done" ? "No longer stalled: did one of their actions" : "No longer stalled: answered about their actions");
  }
}
