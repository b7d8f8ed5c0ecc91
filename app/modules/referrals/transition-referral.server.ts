import { eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { referralEvents, referrals } from "#db/schema";
import { canTransition, IllegalTransitionError, type ReferralStatus } from "./lifecycle";

export type Actor =
  | { type: "user"; userId: string }
  | { type: "patient" }
  | { type: "system" }
  | { type: "register_link" };

export type Referral = typeof referrals.$inferSelect;

export interface TransitionInput {
  referralId: string;
  to: ReferralStatus;
  actor: Actor;
  note?: string | null;
  data?: Record<string, unknown>;
  now?: Date;
}

/** Hooks run inside the same transaction after a legal move (notifications are queued here). */
export type TransitionHook = (tx: Tx, change: { referral: Referral; from: ReferralStatus; to: ReferralStatus; input: TransitionInput }) => Promise<void>;
const hooks: TransitionHook[] = [];
export function onReferralTransition(hook: TransitionHook): void {
  hooks.push(hook);
}

/**
 * The one way a referral changes status: locks the row, refuses illegal
 * moves (nothing is written), records the event and runs the hooks, all in
 * the caller's transaction.
 */
export async function transitionReferral(tx: Tx, input: TransitionInput): Promise<Referral> {
  const now = input.now ?? new Date();
  const [current] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId)).for("update");
  if (!current) throw new Error(`Referral ${input.referralId} does not exist`);
  const from = current.status;
  if (!canTransition(from, input.to)) throw new IllegalTransitionError(from, input.to);
  const [updated] = await tx
    .update(referrals)
    .set({
      status: input.to,
      statusChangedAt: now,
      updatedAt: now,
      ...(input.to === "declined" ? { declineReason: input.note ?? null } : {}),
    })
    .where(eq(referrals.id, current.id))
    .returning();
  await tx.insert(referralEvents).values({
    referralId: current.id,
    at: now,
    kind: "status",
    fromStatus: from,
    toStatus: input.to,
    actorType: input.actor.type,
    actorUserId: input.actor.type === "user" ? input.actor.userId : null,
    note: input.note ?? null,
    data: input.data ?? null,
  });
  for (const hook of hooks) await hook(tx, { referral: updated, from, to: input.to, input });
  return updated;
}
