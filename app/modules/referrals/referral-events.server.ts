import type { Tx } from "#db/client";
import { referralEvents } from "#db/schema";
import type { ReferralStatus } from "./lifecycle";

/** Who made a change: a signed-in user, the person (through their link), the system, or a one-tap register link. */
export type Actor =
  | { type: "user"; userId: string }
  | { type: "person" }
  | { type: "system" }
  | { type: "register_link" };

export type ReferralEventKind = "status" | "booking" | "attendance" | "self_report" | "outcome" | "stalled" | "note" | "details_removed" | "action";

export interface ReferralEventInput {
  referralId: string;
  kind: ReferralEventKind;
  actor: Actor;
  from?: ReferralStatus | null;
  to?: ReferralStatus | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
  at: Date;
}

/** Appends to the referral's timeline (every kind goes through here). */
export async function recordReferralEvent(tx: Tx, event: ReferralEventInput): Promise<void> {
  await tx.insert(referralEvents).values({
    referralId: event.referralId,
    at: event.at,
    kind: event.kind,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    actorType: event.actor.type,
    actorUserId: event.actor.type === "user" ? event.actor.userId : null,
    note: event.note ?? null,
    data: event.data ?? null,
  });
}
