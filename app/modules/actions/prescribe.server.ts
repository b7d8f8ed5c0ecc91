/**
 * A referrer prescribes connection actions on a referral (on the referral
 * form, or later on its page) and can take one off the plan. Only the
 * referring organisation can, and only while the referral is open.
 */
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { connectionActions, referralActions } from "#db/schema";
import { isFinal, type ReferralStatus } from "~/modules/referrals";
import { findReferrerTeamReferral, recordReferralEvent } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { addDaysTo, dayOf, daysBetween, rhythmLabel } from "./rhythm";
import { ensureNudgeSettings } from "./nudges.server";
import { MAX_PLAN_DAYS, type PrescribedActionValues } from "./schemas";

export type PrescribeResult = { ok: true } | { ok: false; kind: "not_found" } | { ok: false; kind: "invalid"; fieldErrors: Record<string, string[]> };

interface ReferrerAccess {
  referralId: string;
  organisationIds: string[];
  userId: string;
}

/** The referral if one of these organisations made it, locked for the change; null otherwise. */
async function ownedReferral(tx: Tx, access: ReferrerAccess): Promise<{ id: string; status: ReferralStatus } | null> {
  return findReferrerTeamReferral(tx, access.referralId, access.organisationIds, { lock: true });
}

/** Default dates for a new action: from today for four weeks. */
export function defaultPlanDates(now: Date = clockNow()): { startsOn: string; endsOn: string } {
  const today = dayOf(now);
  return { startsOn: today, endsOn: addDaysTo(today, 27) };
}

/**
 * Checks the dates and resolves a library action into the words and rhythm
 * to store. Field errors are keyed by `prefix` (e.g. "action." or "actions[0].").
 */
export async function resolvePrescription(
  tx: Tx,
  value: PrescribedActionValues,
  now: Date,
  prefix: string,
): Promise<{ ok: true; row: Omit<typeof referralActions.$inferInsert, "referralId"> } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const today = dayOf(now);
  if (value.startsOn < today) return { ok: false, fieldErrors: { [`${prefix}startsOn`]: ["The start date cannot be in the past"] } };
  if (daysBetween(value.startsOn, value.endsOn) > MAX_PLAN_DAYS) {
    return { ok: false, fieldErrors: { [`${prefix}endsOn`]: ["Choose an end date within six months of the start, and review it then"] } };
  }
  let words = { title: value.title ?? "", howTo: value.howTo || null };
  let rhythm = value.rhythm;
  let timesPerWeek = value.timesPerWeek ?? null;
  if (value.libraryActionId) {
    const [entry] = await tx
      .select()
      .from(connectionActions)
      .where(and(eq(connectionActions.id, value.libraryActionId), isNull(connectionActions.retiredAt)));
    if (!entry) return { ok: false, fieldErrors: { [`${prefix}libraryActionId`]: ["That action is no longer in the library. Choose another."] } };
    words = { title: entry.title, howTo: entry.howTo };
    if (!rhythm) {
      rhythm = entry.rhythm;
      timesPerWeek = entry.timesPerWeek;
    }
  }
  if (!rhythm) return { ok: false, fieldErrors: { [`${prefix}rhythm`]: ["Choose how often"] } };
  return {
    ok: true,
    row: {
      libraryActionId: value.libraryActionId ?? null,
      title: words.title,
      howTo: words.howTo,
      rhythm,
      timesPerWeek: rhythm === "weekly" ? (timesPerWeek ?? 1) : null,
      startsOn: value.startsOn,
      endsOn: value.endsOn,
    },
  };
}

/** Stores resolved actions on a referral, in the caller's transaction, each on the timeline. */
export async function insertPrescriptions(
  tx: Tx,
  referralId: string,
  rows: Omit<typeof referralActions.$inferInsert, "referralId">[],
  userId: string,
  now: Date,
): Promise<void> {
  if (rows.length) await ensureNudgeSettings(tx, referralId, now);
  for (const row of rows) {
    await tx.insert(referralActions).values({ ...row, referralId, addedByUserId: userId, createdAt: now });
    await recordReferralEvent(tx, {
      referralId,
      kind: "action",
      actor: { type: "user", userId },
      note: `${row.title} (${rhythmLabel({ rhythm: row.rhythm, timesPerWeek: row.timesPerWeek ?? null }).toLowerCase()}, ${row.startsOn} to ${row.endsOn})`,
      data: { change: "added" },
      at: now,
    });
  }
}

/** The referrer adds one action to an open referral of their organisation. */
export async function addReferralAction(input: ReferrerAccess & { action: PrescribedActionValues }, now: Date = clockNow()): Promise<PrescribeResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<PrescribeResult> => {
    const referral = await ownedReferral(tx, input);
    if (!referral) return { ok: false, kind: "not_found" };
    if (isFinal(referral.status)) return { ok: false, kind: "invalid", fieldErrors: { "action.title": ["This referral has ended, so actions cannot be added to it"] } };
    const resolved = await resolvePrescription(tx, input.action, now, "action.");
    if (!resolved.ok) return { ok: false, kind: "invalid", fieldErrors: resolved.fieldErrors };
    await insertPrescriptions(tx, referral.id, [resolved.row], input.userId, now);
    return { ok: true };
  });
}

/** The referrer takes an action off the plan from today; what the person logged stays. */
export async function stopReferralAction(input: ReferrerAccess & { actionId: string }, now: Date = clockNow()): Promise<{ ok: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const referral = await ownedReferral(tx, input);
    if (!referral || !isUuid(input.actionId)) return { ok: false };
    const [stopped] = await tx
      .update(referralActions)
      .set({ stoppedAt: now })
      .where(and(eq(referralActions.id, input.actionId), eq(referralActions.referralId, referral.id), isNull(referralActions.stoppedAt)))
      .returning({ title: referralActions.title });
    if (!stopped) return { ok: false };
    await recordReferralEvent(tx, { referralId: referral.id, kind: "action", actor: { type: "user", userId: input.userId }, note: stopped.title, data: { change: "stopped" }, at: now });
    return { ok: true };
  });
}
