/**
 * The account page's verbs: name, email (re-verified at the new address),
 * password, devices signed in, and deleting the account.
 */
import { and, eq, ne, or } from "drizzle-orm";
import { getDb } from "#db/client";
import { auditLog, invitations, oneTimeTokens, users } from "#db/schema";
import { queueEmail, renderEmail } from "~/modules/notifications/index.server";
import { publicUrl } from "~/utils/env.server";
import { now } from "~/utils/clock.server";
import { recordAudit } from "./audit.server";
import { describeDevice, type ClientContext } from "./client-context.server";
import { checkCurrentPassword } from "./current-password.server";
import { organisationsSolelyOwnedBy } from "./memberships.server";
import { consumeOneTimeToken, findOneTimeToken, issueOneTimeToken, revokeOneTimeTokens } from "./one-time-tokens.server";
import { hashPassword } from "./password.server";
import { passwordProblem } from "./password-policy.server";
import { hitRateLimit, rateLimitRules, tooManyAttemptsMessage } from "./rate-limit.server";
import { invalidateSession, invalidateUserSessions, listUserSessions } from "./sessions.server";
import { MINUTE_MS } from "~/utils/time";

export type FieldResult<F extends string> = { ok: true } | { ok: false; field?: F; message: string };

export async function changeName(userId: string, name: string, context: Partial<ClientContext> = {}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit({ action: "name.changed", actorUserId: userId, targetType: "user", targetId: userId, ip: context.ip }, tx);
  });
}

export const EMAIL_CHANGE_TTL_MS = 60 * MINUTE_MS;

/**
 * Sends a confirmation link to the new address (the change happens only when
 * it is opened) and a note to the old one. An address already in use gets a
 * note instead of a link, and the page answers the same.
 */
export async function requestEmailChange(
  user: { id: string; email: string; name: string },
  input: { email: string; password: string },
  context: Partial<ClientContext> = {},
): Promise<FieldResult<"email" | "password">> {
  const newEmail = input.email.toLowerCase();
  if (newEmail === user.email) return { ok: false, field: "email", message: "That is already your email address" };
  const check = await checkCurrentPassword(user.id, input.password, context.ip);
  if (!check.ok) return { ok: false, field: "password", message: check.message };
  const limit = await hitRateLimit(rateLimitRules.emailChangeUser, user.id);
  if (!limit.allowed) return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
    if (taken) {
      const body = renderEmail({
        greeting: "Hello,",
        paragraphs: ["Someone asked to move a Linkway account to this email address, but it already belongs to an account, so nothing has changed."],
      });
      await queueEmail(tx, { to: newEmail, subject: "Your Linkway email address", ...body });
      return;
    }
    await revokeOneTimeTokens(tx, "email_change", user.id);
    const token = await issueOneTimeToken(tx, { purpose: "email_change", subjectId: user.id, ttlMs: EMAIL_CHANGE_TTL_MS, payload: { email: newEmail } });
    const confirm = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: [
        "You asked to use this email address for your Linkway account. Open the link below to confirm. It works for one hour.",
        "If you did not ask for this, you can ignore this email.",
      ],
      action: { label: "Confirm your new email address", url: `${publicUrl()}/account/confirm-email/${encodeURIComponent(token)}` },
    });
    await queueEmail(tx, { to: newEmail, subject: "Confirm your new email address", ...confirm });
    const notice = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: [
        "Someone asked to change the email address of your Linkway account. The change happens only if the link sent to the new address is opened.",
        "If this was not you, change your password straight away.",
      ],
    });
    await queueEmail(tx, { to: user.email, subject: "A change to your Linkway email address was requested", ...notice });
    await recordAudit({ action: "email.change_requested", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip }, tx);
  });
  return { ok: true };
}

export async function readEmailChange(token: string): Promise<{ email: string } | null> {
  const db = await getDb();
  const row = await findOneTimeToken(db, "email_change", token);
  const email = row?.payload?.email;
  return typeof email === "string" ? { email } : null;
}

export async function confirmEmailChange(token: string, context: Partial<ClientContext> = {}): Promise<FieldResult<never>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await consumeOneTimeToken(tx, "email_change", token);
    const email = row?.payload?.email;
    if (!row || typeof email !== "string") {
      return { ok: false, message: "This link has expired or has already been used. Ask for a new one from your account page." };
    }
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, row.subjectId)));
    if (taken) return { ok: false, message: "That email address now belongs to another account, so it cannot be used." };
    const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.subjectId));
    if (!before) return { ok: false, message: "This link has expired or has already been used." };
    await tx.update(users).set({ email, emailVerifiedAt: now(), updatedAt: new Date() }).where(eq(users.id, row.subjectId));
    const notice = renderEmail({
      greeting: "Hello,",
      paragraphs: [`The email address of your Linkway account has been changed to ${email}. If this was not you, contact your organisation's owner.`],
    });
    await queueEmail(tx, { to: before.email, subject: "Your Linkway email address was changed", ...notice });
    await recordAudit({ action: "email.changed", actorUserId: row.subjectId, targetType: "user", targetId: row.subjectId, ip: context.ip }, tx);
    return { ok: true };
  });
}

/** Needs the current password; signs out every other session. */
export async function changePassword(
  current: { user: { id: string; email: string; name: string }; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  context: Partial<ClientContext> = {},
): Promise<FieldResult<"currentPassword" | "newPassword">> {
  const check = await checkCurrentPassword(current.user.id, input.currentPassword, context.ip);
  if (!check.ok) return { ok: false, field: "currentPassword", message: check.message };
  const problem = passwordProblem(input.newPassword, current.user);
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const passwordHash = await hashPassword(input.newPassword);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, current.user.id));
    await invalidateUserSessions(current.user.id, { except: current.sessionId, executor: tx });
    await revokeOneTimeTokens(tx, "password_reset", current.user.id);
    const body = renderEmail({
      greeting: `Hello ${current.user.name},`,
      paragraphs: [
        "The password for your Linkway account has just been changed, and any other devices have been signed out.",
        "If this was not you, reset your password straight away from the sign-in page.",
      ],
    });
    await queueEmail(tx, { to: current.user.email, subject: "Your Linkway password was changed", ...body });
    await recordAudit({ action: "password.changed", actorUserId: current.user.id, targetType: "user", targetId: current.user.id, ip: context.ip }, tx);
  });
  return { ok: true };
}

export interface SessionView {
  id: string;
  device: string;
  ip: string | null;
  lastSeenAt: Date;
  createdAt: Date;
  current: boolean;
}

export async function listAccountSessions(userId: string, currentSessionId: string): Promise<SessionView[]> {
  const sessions = await listUserSessions(userId);
  const at = now();
  return sessions
    .filter((s) => s.expiresAt > at && s.absoluteExpiresAt > at)
    .map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      ip: s.ip,
      lastSeenAt: s.lastSeenAt,
      createdAt: s.createdAt,
      current: s.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Ends one of the user's own sessions (someone else's id does nothing). */
export async function endAccountSession(userId: string, sessionId: string, context: Partial<ClientContext> = {}): Promise<boolean> {
  const sessions = await listUserSessions(userId);
  if (!sessions.some((s) => s.id === sessionId)) return false;
  await invalidateSession(sessionId);
  await recordAudit({ action: "session.ended", actorUserId: userId, targetType: "user", targetId: userId, ip: context.ip });
  return true;
}

export async function endOtherSessions(userId: string, currentSessionId: string, context: Partial<ClientContext> = {}): Promise<void> {
  await invalidateUserSessions(userId, { except: currentSessionId });
  await recordAudit({ action: "sessions.ended", actorUserId: userId, targetType: "user", targetId: userId, ip: context.ip });
}

export const deletedUserLabel = "deleted user";

/**
 * Deletes the account: the user row goes (with sessions, memberships,
 * recovery codes), as do invitations to the address and the user's open
 * links. Audit rows stay, with the actor shown as "deleted user".
 * Refused while the user is an organisation's only owner.
 */
export async function deleteAccount(
  user: { id: string; email: string },
  password: string,
  context: Partial<ClientContext> = {},
): Promise<FieldResult<"password">> {
  const check = await checkCurrentPassword(user.id, password, context.ip);
  if (!check.ok) return { ok: false, field: "password", message: check.message };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const sole = await organisationsSolelyOwnedBy(user.id, tx);
    if (sole.length > 0) {
      return {
        ok: false,
        message: `You are the only owner of ${sole.map((o) => o.name).join(", ")}. Make someone else an owner first (or ask them to), then delete your account.`,
      };
    }
    await tx.update(auditLog).set({ actorLabel: deletedUserLabel, actorUserId: null }).where(eq(auditLog.actorUserId, user.id));
    await tx.delete(invitations).where(eq(invitations.email, user.email));
    await tx.delete(oneTimeTokens).where(or(eq(oneTimeTokens.subjectId, user.id), eq(oneTimeTokens.subjectId, user.email)));
    await tx.delete(users).where(eq(users.id, user.id));
    await recordAudit({ action: "account.deleted", actorLabel: deletedUserLabel, targetType: "user", targetId: user.id, ip: context.ip ?? null }, tx);
    return { ok: true };
  });
}
