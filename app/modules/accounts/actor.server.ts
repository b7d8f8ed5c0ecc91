/**
 * Who asks for a change of access (members, roles, administrator rights),
 * as the verbs that make those changes see them. The verbs check the actor
 * themselves, so a route, a script or a test that calls them with the wrong
 * actor is refused and nothing is written.
 */
import { MINUTE_MS } from "~/utils/time";

export interface Actor {
  userId: string;
  /** When the actor's session began: a change that hands out access needs a recent one. */
  signedInAt: Date;
  ip: string | null;
}

/**
 * Changes that hand out access (administrator rights, organisation members and
 * roles, dropping an organisation's two-step requirement) need a sign-in from
 * the last half hour, so an unattended or stolen session cannot make them.
 */
export const RECENT_SIGN_IN_MS = 30 * MINUTE_MS;

export function signedInRecently(actor: Pick<Actor, "signedInAt">, now: Date): boolean {
  return now.getTime() - actor.signedInAt.getTime() <= RECENT_SIGN_IN_MS;
}

/** A verb's refusal: the route answers 403, 404, or sends the actor to confirm their sign-in. */
export interface Refusal {
  ok: false;
  refused: "forbidden" | "not_found" | "confirm_sign_in";
  message: string;
}

export const refuse = (refused: Refusal["refused"], message: string): Refusal => ({ ok: false, refused, message });

export const confirmSignInFirst: Refusal = refuse("confirm_sign_in", "Please confirm it is you before changing who has access.");

export function isRefusal(outcome: { ok: boolean }): outcome is Refusal {
  return !outcome.ok && "refused" in outcome;
}
