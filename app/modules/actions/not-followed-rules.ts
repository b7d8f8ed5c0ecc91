/**
 * When connection actions are not being followed: fewer than half done over
 * the last two weeks, once there is enough to judge by (a plan a week old,
 * at least four things due). Pure; not-followed.server.ts gathers the facts.
 */
import type { Adherence } from "./rhythm";

export const MIN_DUE_TO_JUDGE = 4;
export const MIN_PLAN_AGE_DAYS = 7;

export function isBehindOnActions(recent: Adherence, planAgeDays: number): boolean {
  if (planAgeDays < MIN_PLAN_AGE_DAYS || recent.due < MIN_DUE_TO_JUDGE) return false;
  return recent.done * 2 < recent.due;
}
