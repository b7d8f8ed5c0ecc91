/**
 * The referral lifecycle (shared/DESIGN.md). This table is the only place
 * that says which status change is legal.
 *
 * sent ─► accepted ─► booked ◄─► attending ─► completed
 *   │        │          │  ▲           └─► disengaged
 *   │        │          ▼  │
 *   ├─► declined      accepted (booking cancelled) → booked again
 *   ├─► withdrawn (referrer or the person)
 *   └─► expired (no answer in N days)
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { referralStatuses as schemaStatuses } from "#db/schema/referrals";

// The database enum is the source of truth; the table below must cover it.
export type ReferralStatus = (typeof schemaStatuses)[number];

export const transitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ["accepted", "declined", "withdrawn", "expired"],
  accepted: ["booked", "withdrawn", "expired", "disengaged", "completed"],
  booked: ["accepted", "attending", "withdrawn", "disengaged"],
  // Back to "booked" only when the one attended mark is undone or corrected:
  // the register (or the person's own report) was wrong, so nothing was attended yet.
  attending: ["booked", "completed", "disengaged", "withdrawn"],
  declined: [],
  withdrawn: [],
  expired: [],
  completed: [],
  disengaged: [],
};

export const referralStatuses = Object.keys(transitions) as ReferralStatus[];

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return transitions[from].includes(to);
}

export function isFinal(status: ReferralStatus): boolean {
  return transitions[status].length === 0;
}

/** Statuses of a referral still under way (not ended): one person has at most one of these per activity from the public form. */
export const openStatuses: ReferralStatus[] = referralStatuses.filter((s) => !isFinal(s));

/** Statuses of a referral that has ended: nothing more can happen to it. */
export const closedStatuses: ReferralStatus[] = referralStatuses.filter(isFinal);

/** isFinal in SQL, for a referrals status column (`"referrals"."status"` unless given). */
export function isFinalSql(status: SQLWrapper = sql.raw(`"referrals"."status"`)): SQL<boolean> {
  return sql<boolean>`(${status} in (${sql.join(closedStatuses.map((s) => sql`${s}`), sql`, `)}))`;
}

/** Statuses in which the person can still book a session. */
export const bookableStatuses: readonly ReferralStatus[] = ["accepted", "booked", "attending"];

/** FHIR R4 Task.status for each referral status (for interop). */
/** FHIR R4 Task.status codes a referral can map to. */
export type FhirTaskStatus = "requested" | "accepted" | "rejected" | "in-progress" | "completed" | "cancelled" | "failed";
export const fhirTaskStatus: Record<ReferralStatus, FhirTaskStatus> = {
  sent: "requested",
  accepted: "accepted",
  declined: "rejected",
  booked: "in-progress",
  attending: "in-progress",
  completed: "completed",
  withdrawn: "cancelled",
  expired: "failed",
  disengaged: "failed",
};

/** Plain words for people. */
export const statusLabels: Record<ReferralStatus, string> = {
  sent: "Sent",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
  booked: "Booked",
  attending: "Attending",
  completed: "Completed",
  disengaged: "Stopped going",
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ReferralStatus,
    readonly to: ReferralStatus,
  ) {
    super(`This referral is ${statusLabels[from].toLowerCase()}, so it cannot be marked ${statusLabels[to].toLowerCase()}.`);
  }
}
