/**
 * Every loader and action that touches private data calls one of these.
 * `get*` returns null; `require*` throws a redirect (not signed in) or a
 * 403/404 Response (signed in, but not allowed). Denials are audit-logged.
 */
import { redirect } from "@remix-run/node";
import { isUuid } from "~/utils/ids";
import { forbidden, notFound } from "~/utils/http.server";
import {
  findMembership,
  listMemberships,
  organisationsRequiringTwoFactor,
  type MembershipView,
  type Role,
} from "./memberships.server";
import { recordAudit } from "./audit.server";
import { clientContext } from "./client-context.server";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionToken, type AuthSession, type SessionUser } from "./sessions.server";
import type { Actor, Refusal } from "./actor.server";

export interface CurrentUser {
  user: SessionUser;
  session: AuthSession;
}

/** Where someone whose organisation requires two-step sign-in is sent to set it up. */
export const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

/** The signed-in user, or null (also null while a second factor is still owed). */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result) return null;
  if (result.user.totpEnabledAt && !result.session.twoFactorVerified) return null;
  return result;
}

/** A session that has passed the password step but still owes its two-factor code. */
export async function getPendingTwoFactor(request: Request): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result || !result.user.totpEnabledAt || result.session.twoFactorVerified) return null;
  return result;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Whether this user must set up two-step sign-in before anything else (an organisation requires it). */
export async function mustEnrolTwoFactor(user: SessionUser): Promise<boolean> {
  if (user.totpEnabledAt) return false;
  return (await organisationsRequiringTwoFactor(user.id)).length > 0;
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await getCurrentUser(request);
  if (!current) throw signInRedirect(request);
  const path = new URL(request.url).pathname.replace(/(.)\/$/, "$1");
  if (path !== TWO_FACTOR_SETUP_PATH && (await mustEnrolTwoFactor(current.user))) {
    throw redirect(`${TWO_FACTOR_SETUP_PATH}?required=1`);
  }
  return current;
}

async function deny(
  request: Request,
  current: CurrentUser,
  response: Response,
  details: Record<string, unknown>,
): Promise<Response> {
  const url = new URL(request.url);
  await recordAudit({
    action: "access.denied",
    actorUserId: current.user.id,
    targetType: "path",
    targetId: url.pathname.slice(0, 300),
    ip: clientContext(request).ip,
    details: { method: request.method, status: response.status, ...details },
  });
  return response;
}

export const CONFIRM_SIGN_IN_PATH = "/login/confirm";

/** Sends someone whose sign-in is older than RECENT_SIGN_IN_MS to confirm it, then back to this page. */
function confirmSignInRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`${CONFIRM_SIGN_IN_PATH}?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in user as the verbs that change access see them. */
export function actorOf(request: Request, current: CurrentUser): Actor {
  return { userId: current.user.id, signedInAt: current.session.createdAt, ip: clientContext(request).ip };
}

/**
 * What a route answers when a verb refused its actor: a 403 or 404 (written
 * to the audit log as any denied access is), or off to confirm the sign-in.
 */
export async function refusalResponse(request: Request, current: CurrentUser, refusal: Refusal): Promise<Response> {
  if (refusal.refused === "confirm_sign_in") return confirmSignInRedirect(request);
  const response = refusal.refused === "not_found" ? notFound() : forbidden(refusal.message);
  return deny(request, current, response, { reason: refusal.refused });
}

export async function requireAdmin(request: Request): Promise<CurrentUser> {
  const current = await requireUser(request);
  if (!current.user.isAdmin) {
    throw await deny(request, current, forbidden("Only Linkway administrators can do this."), { reason: "not_admin" });
  }
  return current;
}

/**
 * A member of the organisation (optionally with a role). Someone outside it
 * gets a 404, so an organisation's private pages do not reveal that it exists.
 */
export async function requireOrgMember(
  request: Request,
  organisationId: string | undefined,
  role?: Role,
): Promise<CurrentUser & { membership: MembershipView }> {
  const current = await requireUser(request);
  if (!isUuid(organisationId)) throw notFound();
  const membership = await findMembership(current.user.id, organisationId);
  if (!membership) {
    throw await deny(request, current, notFound(), { reason: "not_member", organisationId });
  }
  if (role === "owner" && membership.role !== "owner") {
    throw await deny(request, current, forbidden("Only an owner of this organisation can do this."), {
      reason: "not_owner",
      organisationId,
    });
  }
  return { ...current, membership };
}

/** The user's first organisation of a kind (provider for organisers, referrer for referrers). */
export async function requireOrgOfKind(
  request: Request,
  kind: "provider" | "referrer",
): Promise<CurrentUser & { membership: MembershipView; memberships: MembershipView[]; organisationIds: string[] }> {
  const current = await requireUser(request);
  const memberships = await listMemberships(current.user.id);
  // Every query on these pages is scoped to these ids: the user's organisations of this kind.
  const organisationIds = memberships.filter((m) => m.kind === kind).map((m) => m.organisationId);
  const membership = memberships.find((m) => m.kind === kind);
  if (!membership) {
    throw await deny(
      request,
      current,
      forbidden(
        kind === "provider"
          ? "This page is for organisers. Your account is not part of an organisation that runs activities."
          : "This page is for referrers. Your account is not part of a referring organisation.",
      ),
      { reason: `not_${kind}` },
    );
  }
  return { ...current, membership, memberships, organisationIds };
}
