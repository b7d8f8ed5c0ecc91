/**
 * The referral's "needs attention" (stalled) flag: the only code that raises
 * or lowers it. Attendance decides when missed sessions stall a referral,
 * no-booking-stall.server.ts when a place was never booked; both call here.
 * A referral that closes loses its flag in transitionReferral (the "stalled"
 * event stays on the timeline).
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { referrals } from "#db/schema";
import { messageReferrer, messageReferrerOfReferral } from "./notify.server";
import { loadReferralContext } from "./referral-context.server";
import { recordReferralEvent } from "./referral-events.server";
import { stalledAlertMessage, type ReferrerMessageBase } from "./referral-messages";
import { stallNextSteps, stallReasonLabels, type StallReason } from "./stall-reasons";
import type { Referral as ReferralRow } from "./transition-referral.server";

/**
 * The worker's stall checks share one shape: each candidate is re-read under
 * a row lock (skipping one another worker holds) and still unflagged, the
 * rule decides on fresh facts inside the same transaction, and a stall is
 * raised at most once. `reasonFor` answers the stall reason, or null.
 * Returns how many were flagged.
 */
export async function flagStalledReferrals(
  candidateIds: string[],
  reasonFor: (tx: Tx, referral: ReferralRow) => Promise<StallReason | null>,
  now: Date,
): Promise<number> {
  const db = await getDb();
  let flagged = 0;
  for (const id of candidateIds) {
    const done = await db.transaction(async (tx) => {
      const [referral] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), isNull(referrals.stalledAt)))
        .for("update", { skipLocked: true });
      if (!referral) return false;
      const reason = await reasonFor(tx, referral);
      if (!reason) return false;
      await raiseStall(tx, referral, reason, now);
      return true;
    });
    if (done) flagged++;
  }
  return flagged;
}

/** Flags the referral, writes a "stalled" event with the next steps, and alerts the referrer. */
export async function raiseStall(tx: Tx, referral: ReferralRow, reason: StallReason, now: Date): Promise<ReferralRow> {
  const [updated] = await tx
    .update(referrals)
    .set({ stalledAt: now, stalledReason: reason, updatedAt: now })
    .where(eq(referrals.id, referral.id))
    .returning();
  await recordReferralEvent(tx, {
    referralId: referral.id,
    at: now,
    kind: "stalled",
    actor: { type: "system" },
    note: stallReasonLabels[reason],
    data: { reason, nextSteps: [...stallNextSteps[reason]] },
  });
  const ctx = await loadReferralContext(tx, referral.id);
  const alert = (base: ReferrerMessageBase) => stalledAlertMessage({ ...base, reason: stallReasonLabels[reason], nextSteps: stallNextSteps[reason] });
  // An actions-only referral has no activity context, but its referrer is told all the same.
  if (ctx) await messageReferrer(tx, ctx, alert);
  else await messageReferrerOfReferral(tx, referral.id, alert);
  return updated;
}

export async function clearStall(tx: Tx, referral: ReferralRow, now: Date, note: string): Promise<ReferralRow> {
  const [updated] = await tx
    .update(referrals)
    .set({ stalledAt: null, stalledReason: null, updatedAt: now })
    .where(eq(referrals.id, referral.id))
    .returning();
  await recordReferralEvent(tx, {
    referralId: referral.id,
    at: now,
    kind: "note",
    actor: { type: "system" },
    note,
    data: { stallCleared: referral.stalledReason },
  });
  return updated;
}

const clearedByBooking: string[] = ["no_booking", "stopped_after_attending"] satisfies StallReason[];

/**
 * Booking answers a "no booking yet" (or "stopped going") stall: the referrer no longer needs to
 * chase it, and the worker must not later close the referral as disengaged
 * because of it.
 */
export async function clearNoBookingStall(tx: Tx, known: Pick<ReferralRow, "id" | "stalledReason">, now: Date): Promise<void> {
  // The caller read the referral under its row lock, so a copy with no such stall is current: no round trip.
  if (!known.stalledReason || !clearedByBooking.includes(known.stalledReason)) return;
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, known.id), inArray(referrals.stalledReason, clearedByBooking)))
    .for("update");
  if (referral) await clearStall(tx, referral, now, "Booked a session, so no longer stalled");
}
