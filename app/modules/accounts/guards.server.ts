/**
 * Every loader and action that touches private data calls one of these.
 * `get*` returns null; `require*` throws a redirect (not signed in) or a
 * 403/404 Response (signed in, but not allowed).
 */
import { redirect } from "@remix-run/node";
import { isUuid } from "~/utils/ids";
import { forbidden, notFound } from "~/utils/http.server";
import { findMembership, listMemberships, type MembershipView, type Role } from "../organisations/memberships.server";
import { readSessionToken } from "./session-cookie.server";
import { validateSessionToken, type AuthSession, type SessionUser } from "./sessions.server";

export interface CurrentUser {
  user: SessionUser;
  session: AuthSession;
}

/** The signed-in user, or null (also null while a second factor is still owed). */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result) return null;
  if (result.user.totpEnabledAt && !result.session.twoFactorVerified) return null;
  return result;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await getCurrentUser(request);
  if (!current) throw signInRedirect(request);
  return current;
}

export async function requireAdmin(request: Request): Promise<CurrentUser> {
  const current = await requireUser(request);
  if (!current.user.isAdmin) throw forbidden("Only Linkway administrators can do this.");
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
  if (!membership) throw notFound();
  if (role === "owner" && membership.role !== "owner") {
    throw forbidden("Only an owner of this organisation can do this.");
  }
  return { ...current, membership };
}

/** The user's first organisation of a kind (provider for organisers, referrer for referrers). */
export async function requireOrgOfKind(
  request: Request,
  kind: "provider" | "referrer",
): Promise<CurrentUser & { membership: MembershipView; memberships: MembershipView[] }> {
  const current = await requireUser(request);
  const memberships = await listMemberships(current.user.id);
  const membership = memberships.find((m) => m.kind === kind);
  if (!membership) {
    throw forbidden(
      kind === "provider"
        ? "This page is for organisers. Your account is not part of an organisation that runs activities."
        : "This page is for referrers. Your account is not part of a referring organisation.",
    );
  }
  return { ...current, membership, memberships };
}
