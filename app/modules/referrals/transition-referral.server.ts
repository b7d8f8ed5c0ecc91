import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { referrals } from "#db/schema";
import type { CancelledBooking } from "~/modules/bookings/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { releaseUpcomingPlaces } from "./booking-events.server";
import { recordReferralEvent, type Actor } from "./referral-events.server";
import type { DeclineReasonKind } from "./reasons";
import { canTransition, IllegalTransitionError, isFinal, type ReferralStatus } from "./lifecycle";
import { notifyTransition } from "./transition-notifications.server";

export type { Actor };

export type Referral = typeof referrals.$inferSelect;

export interface TransitionInput {
  referralId: string;
  to: ReferralStatus;
  actor: Actor;
  note?: string | null;
  /** For a decline: the main reason from the fixed list (reports count these). */
  declineReasonKind?: DeclineReasonKind;
  data?: Record<string, unknown>;
  now?: Date;
  /** The caller sends its own message for this change (e.g. the first link already says "accepted"). */
  silent?: boolean;
  /**
   * The status the caller has just read, under the row lock in this transaction. The change is then
   * made by one conditional UPDATE instead of a locking read and an UPDATE; if the status is no longer
   * this, nothing is written by that UPDATE and the usual locking read decides.
   */
  expectedFrom?: ReferralStatus;
}

export interface TransitionChange {
  referral: Referral;
  from: ReferralStatus;
  to: ReferralStatus;
  input: TransitionInput;
  /** Bookings still to come that this change cancelled (a referral that ended). */
  cancelledBookings: CancelledBooking[];
}

/** Statuses that end a referral early: its bookings still to come are cancelled and their places passed on. */
const endsBookings: readonly ReferralStatus[] = ["withdrawn", "declined", "expired"];

/**
 * The one way a referral changes status: locks the row, refuses illegal
 * moves (nothing is written), records the event, cancels bookings a closed
 * referral no longer needs, drops a closed referral's stall flag (it no longer
 * needs attention; the "stalled" event stays on the timeline) and queues the
 * messages — all in the caller's transaction.
 */
export async function transitionReferral(tx: Tx, input: TransitionInput): Promise<Referral> {
  const now = input.now ?? clockNow();
  const change = {
    status: input.to,
    statusChangedAt: now,
    updatedAt: now,
    ...(input.to === "declined" ? { declineReason: input.note ?? null, declineReasonKind: input.declineReasonKind ?? "other" } : {}),
    ...(isFinal(input.to) ? { stalledAt: null, stalledReason: null } : {}),
  };
  const [quick] =
    input.expectedFrom && canTransition(input.expectedFrom, input.to)
      ? await tx.update(referrals).set(change).where(and(eq(referrals.id, input.referralId), eq(referrals.status, input.expectedFrom))).returning()
      : [];
  let from: ReferralStatus;
  let updated: Referral;
  if (quick) {
    from = input.expectedFrom!;
    updated = quick;
  } else {
    const [current] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId)).for("update");
    if (!current) throw new Error(`Referral ${input.referralId} does not exist`);
    from = current.status;
    if (!canTransition(from, input.to)) throw new IllegalTransitionError(from, input.to);
    [updated] = await tx.update(referrals).set(change).where(eq(referrals.id, current.id)).returning();
  }
  await recordReferralEvent(tx, {
    referralId: updated.id,
    kind: "status",
    from,
    to: input.to,
    actor: input.actor,
    note: input.note,
    data: input.to === "declined" && input.declineReasonKind ? { ...input.data, reasonKind: input.declineReasonKind } : input.data,
    at: now,
  });
  const cancelledBookings = endsBookings.includes(input.to)
    ? await releaseUpcomingPlaces(tx, updated.id, { actor: input.actor, now, note: "The referral ended" })
    : [];
  const transition: TransitionChange = { referral: updated, from, to: input.to, input, cancelledBookings };
  if (!input.silent) await notifyTransition(tx, transition, now);
  return updated;
}
