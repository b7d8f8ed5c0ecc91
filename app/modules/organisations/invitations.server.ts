/**
 * Invitations: an owner invites an email address; the invitee gets a
 * one-time link (hashed at rest, 7 days) and either creates an account or,
 * if they already have one, signs in and joins.
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { invitations, memberships, organisations, users } from "#db/schema";
import { queueEmail, renderEmail } from "~/modules/notifications/index.server";
import { type Actor, recordAudit, type Refusal, type ClientContext, consumeOneTimeToken, findOneTimeToken, issueOneTimeToken, revokeOneTimeTokens, hashPassword, passwordProblem, hitRateLimit, rateLimitRules, tooManyAttemptsMessage, createSession, type Role } from "~/modules/accounts/index.server";
import { now } from "~/utils/clock.server";
import { checkOwner } from "./members.server";
import { publicUrl } from "~/utils/env.server";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export type InviteResult = { ok: true } | { ok: false; field?: "email"; message: string } | Refusal;

/** An owner invites someone (it hands out access: a recent sign-in is needed). */
export async function inviteMember(input: { organisationId: string; email: string; role: Role; actor: Actor }, timeNow: Date = now()): Promise<InviteResult> {
  // Checked before the rate limits count anything, so a refused actor writes nothing.
  const refused = await checkOwner(await getDb(), input.organisationId, input.actor, { handsOutAccess: true, now: timeNow });
  if (refused) return refused;
  for (const [rule, subject] of [
    [rateLimitRules.inviteUser, input.actor.userId],
    [rateLimitRules.inviteIp, input.actor.ip],
  ] as const) {
    const limit = await hitRateLimit(rule, subject);
    if (!limit.allowed) return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  }
  const email = input.email.toLowerCase();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!organisation) return { ok: false, message: "That organisation no longer exists." };
    const [existingMember] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, input.organisationId), eq(users.email, email)));
    if (existingMember) return { ok: false, field: "email", message: "That person is already a member of this organisation." };

    // A new invitation to the same address replaces any earlier one.
    const earlier = await tx
      .update(invitations)
      .set({ revokedAt: now() })
      .where(
        and(
          eq(invitations.organisationId, input.organisationId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    for (const old of earlier) await revokeOneTimeTokens(tx, "invitation", old.id);

    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.userId));
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organisationId: input.organisationId,
        email,
        role: input.role,
        invitedBy: input.actor.userId,
        expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    const token = await issueOneTimeToken(tx, { purpose: "invitation", subjectId: invitation.id, ttlMs: INVITATION_TTL_MS });
    const url = `${publicUrl()}/invitations/${encodeURIComponent(token)}`;
    const body = renderEmail({
      greeting: "Hello,",
      paragraphs: [
        `${inviter?.name ?? "Someone"} has invited you to join ${organisation.name} on Linkway as ${input.role === "owner" ? "an owner" : "a member"}.`,
        "Linkway helps people find community activities and helps the people who refer them learn how it went.",
        "The link works for 7 days. If you were not expecting this, you can ignore this email.",
      ],
      action: { label: "Accept the invitation", url },
    });
    await queueEmail(tx, { to: email, subject: `Join ${organisation.name} on Linkway`, ...body });
    await recordAudit(
      {
        action: "invitation.sent",
        actorUserId: input.actor.userId,
        targetType: "invitation",
        targetId: invitation.id,
        ip: input.actor.ip,
        details: { organisationId: input.organisationId, role: input.role },
      },
      tx,
    );
    return { ok: true };
  });
}

export async function listPendingInvitations(organisationId: string) {
  const db = await getDb();
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

/** An owner cancels an invitation not yet used; false when it was already used or cancelled. */
export async function revokeInvitation(input: { organisationId: string; invitationId: string; actor: Actor }, timeNow: Date = now()): Promise<boolean | Refusal> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const refused = await checkOwner(tx, input.organisationId, input.actor, { handsOutAccess: false, now: timeNow });
    if (refused) return refused;
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: now() })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.organisationId, input.organisationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (revoked.length === 0) return false;
    await revokeOneTimeTokens(tx, "invitation", input.invitationId);
    await recordAudit(
      { action: "invitation.revoked", actorUserId: input.actor.userId, targetType: "invitation", targetId: input.invitationId, ip: input.actor.ip, details: { organisationId: input.organisationId }, at: timeNow },
      tx,
    );
    return true;
  });
}

export interface InvitationView {
  invitationId: string;
  organisationId: string;
  organisationName: string;
  organisationKind: "provider" | "referrer";
  email: string;
  role: Role;
  /** Whether an account already exists for the invited address (the link holder owns that inbox). */
  hasAccount: boolean;
}

async function openInvitation(executor: Executor, invitationId: string) {
  const [row] = await executor
    .select({
      invitationId: invitations.id,
      organisationId: invitations.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      email: invitations.email,
      role: invitations.role,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.id, invitationId));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now()) return null;
  return row;
}

/** What an invitation link is for, or null when it is wrong, used, cancelled or expired. */
export async function readInvitation(token: string): Promise<InvitationView | null> {
  const db = await getDb();
  const tokenRow = await findOneTimeToken(db, "invitation", token);
  if (!tokenRow) return null;
  const row = await openInvitation(db, tokenRow.subjectId);
  if (!row) return null;
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return {
    invitationId: row.invitationId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationKind: row.organisationKind,
    email: row.email,
    role: row.role,
    hasAccount: Boolean(account),
  };
}

export type AcceptResult =
  | { ok: true; organisationId: string; organisationKind: "provider" | "referrer"; session?: { token: string; expiresAt: Date } }
  | { ok: false; field?: "password"; message: string };

const usedLinkMessage = "This invitation link has expired, been used or been cancelled. Ask the organisation's owner to invite you again.";

export function wrongAccountMessage(invitedEmail: string): string {
  return `This invitation was sent to ${invitedEmail}. Sign out, then open the link again and sign in with that address.`;
}

/** An existing, signed-in user whose email matches the invitation joins the organisation. */
export async function acceptInvitationAsUser(input: {
  token: string;
  user: { id: string; email: string };
  context: Partial<ClientContext>;
}): Promise<AcceptResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const preview = await findOneTimeToken(tx, "invitation", input.token);
    const invitation = preview ? await openInvitation(tx, preview.subjectId) : null;
    if (!invitation) return { ok: false, message: usedLinkMessage };
    // Checked before the link is used up, so opening it while signed in as someone else does not spend it.
    if (invitation.email !== input.user.email.toLowerCase()) return { ok: false, message: wrongAccountMessage(invitation.email) };
    if (!(await consumeOneTimeToken(tx, "invitation", input.token))) return { ok: false, message: usedLinkMessage };
    await tx.update(invitations).set({ acceptedAt: now() }).where(eq(invitations.id, invitation.invitationId));
    await tx
      .insert(memberships)
      .values({ organisationId: invitation.organisationId, userId: input.user.id, role: invitation.role })
      .onConflictDoNothing();
    await recordAudit(
      { action: "invitation.accepted", actorUserId: input.user.id, targetType: "invitation", targetId: invitation.invitationId, ip: input.context.ip, details: { organisationId: invitation.organisationId, role: invitation.role } },
      tx,
    );
    return { ok: true, organisationId: invitation.organisationId, organisationKind: invitation.organisationKind };
  });
}

/** Someone without an account sets their name and password, joins, and is signed in. */
export async function acceptInvitationAsNewUser(input: {
  token: string;
  name: string;
  password: string;
  context: Partial<ClientContext>;
}): Promise<AcceptResult> {
  const db = await getDb();
  const preview = await readInvitation(input.token);
  if (!preview) return { ok: false, message: usedLinkMessage };
  const problem = passwordProblem(input.password, { email: preview.email, name: input.name });
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx): Promise<AcceptResult | { ok: true; userId: string; organisationId: string; organisationKind: "provider" | "referrer" }> => {
    const tokenRow = await consumeOneTimeToken(tx, "invitation", input.token);
    const invitation = tokenRow ? await openInvitation(tx, tokenRow.subjectId) : null;
    if (!invitation) return { ok: false, message: usedLinkMessage };
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
    if (existing) return { ok: false, message: "An account already exists for this email address. Sign in, then open the link again." };
    const at = now();
    const [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: input.name, passwordHash, emailVerifiedAt: at })
      .returning({ id: users.id });
    await tx.update(invitations).set({ acceptedAt: at }).where(eq(invitations.id, invitation.invitationId));
    await tx.insert(memberships).values({ organisationId: invitation.organisationId, userId: user.id, role: invitation.role });
    await recordAudit({ action: "account.created", actorUserId: user.id, targetType: "user", targetId: user.id, ip: input.context.ip, details: { via: "invitation" } }, tx);
    await recordAudit(
      { action: "invitation.accepted", actorUserId: user.id, targetType: "invitation", targetId: invitation.invitationId, ip: input.context.ip, details: { organisationId: invitation.organisationId, role: invitation.role } },
      tx,
    );
    return { ok: true, userId: user.id, organisationId: invitation.organisationId, organisationKind: invitation.organisationKind };
  });
  if (!result.ok || !("userId" in result)) return result;
  const { token, session } = await createSession(result.userId, { ...input.context, twoFactorVerified: true });
  await recordAudit({ action: "sign_in.succeeded", actorUserId: result.userId, targetType: "session", ip: input.context.ip, details: { method: "invitation" } });
  return { ok: true, organisationId: result.organisationId, organisationKind: result.organisationKind, session: { token, expiresAt: session.absoluteExpiresAt } };
}
