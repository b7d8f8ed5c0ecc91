import { DAY_MS } from "~/utils/time";
/**
 * When a session's register can be changed. Browser-safe: the register page
 * shows the same state the server enforces.
 *
 * A register opens when the session starts and stays editable for
 * REGISTER_EDITABLE_DAYS after it ends, then locks; an admin can reopen it until a set time.
 */
export const REGISTER_EDITABLE_DAYS = 14;

export type RegisterState = "cancelled" | "not_started" | "open" | "locked";

export interface RegisterWindowFacts {
  status: "scheduled" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  registerReopenedUntil: Date | null;
}

/** The moment the register stops taking changes (unless an admin reopens it). */
export function registerLocksAt(session: Pick<RegisterWindowFacts, "endsAt">): Date {
  return new Date(session.endsAt.getTime() + REGISTER_EDITABLE_DAYS * DAY_MS);
}

export function registerState(session: RegisterWindowFacts, now: Date): RegisterState {
  if (session.status === "cancelled") return "cancelled";
  if (now < session.startsAt) return "not_started";
  if (now < registerLocksAt(session)) return "open";
  if (session.registerReopenedUntil && now < session.registerReopenedUntil) return "open";
  return "locked";
}
