/**
 * Lowering a referral's "needs attention" (stalled) flag. Raising it, and the
 * rules for when, belong to attendance (attendance/stall.server.ts); these
 * only touch the referral, so the referrals module can lower the flag too when
 * the person books.
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { referrals } from "#db/schema";
import { recordReferralEvent } from "./referral-events.server";
import type { Referral as ReferralRow } from "./transition-referral.server";

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

/** A closed referral no longer needs attention: its flag goes (the "stalled" event stays on the timeline). */
export async function dropStallFlag(tx: Tx, referralId: string): Promise<void> {
  await tx.update(referrals).set({ stalledAt: null, stalledReason: null }).where(eq(referrals.id, referralId));
}

/**
 * Booking answers a "no booking yet" stall (attendance's `no_booking`
 * reason): the referrer no longer needs to chase it, and the worker must not
 * later close the referral as disengaged because of it.
 */
export async function clearNoBookingStall(tx: Tx, referralId: string, now: Date): Promise<void> {
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, referralId), eq(referrals.stalledReason, "no_booking")))
    .for("update");
  if (referral) await clearStall(tx, referral, now, "Booked a session, so no longer stalled");
}
