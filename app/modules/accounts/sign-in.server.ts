/**
 * Signing in: password (rate-limited per account and per address), then the
 * second factor when enrolled. Every outcome is audit-logged; the messages
 * never say whether an email address has an account.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { listMemberships } from "./memberships.server";
import { recordAudit } from "./audit.server";
import { type ClientContext } from "./client-context.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  clearRateLimit,
  hitRateLimit,
  peekRateLimit,
  rateLimitRules,
  tooManyAttemptsMessage,
} from "./rate-limit.server";
import { spendRecoveryCode } from "./recovery-codes.server";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  replaceSession,
  validateSessionToken,
  type AuthSession,
  type SessionUser,
} from "./sessions.server";
import { matchTotpStep } from "./totp.server";

// Verifying against a real hash when the account does not exist keeps the
// response time the same, so timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

export const wrongCredentialsMessage =
  "That email address and password do not match an account. Check them and try again.";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; isAdmin: boolean; isCommissioner: boolean; needsTwoFactor: boolean }
  | { ok: false; reason: "invalid" | "rate_limited"; message: string };

/** Checks the password and opens a new session (a fresh id on every sign-in). */
export async function signInWithPassword(
  input: { email: string; password: string },
  context: Partial<ClientContext> = {},
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const ip = context.ip ?? null;
  const limits = [await peekRateLimit(rateLimitRules.signInIp, ip), await peekRateLimit(rateLimitRules.signInAccount, email)];
  const limited = limits.find((l) => !l.allowed);
  if (limited && !limited.allowed) {
    const db = await getDb();
    const [known] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await recordAudit({ action: "sign_in.rate_limited", targetType: "user", targetId: known?.id ?? null, ip });
    return { ok: false, reason: "rate_limited", message: tooManyAttemptsMessage(limited.retryAfterMs) };
  }

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  let passwordOk = false;
  if (user?.passwordHash) {
    passwordOk = await verifyPassword(user.passwordHash, input.password);
  } else {
    decoyHash ??= hashPassword("decoy password for timing");
    await verifyPassword(await decoyHash, input.password);
  }
  if (!user || !passwordOk) {
    await hitRateLimit(rateLimitRules.signInAccount, email);
    await hitRateLimit(rateLimitRules.signInIp, ip);
    await recordAudit({
      action: "sign_in.failed",
      targetType: "user",
      targetId: user?.id ?? null,
      ip,
      details: { reason: user ? "wrong_password" : "unknown_account" },
    });
    return { ok: false, reason: "invalid", message: wrongCredentialsMessage };
  }

  await clearRateLimit(rateLimitRules.signInAccount, email);
  const needsTwoFactor = Boolean(user.totpEnabledAt);
  const { token, session } = await createSession(user.id, { ...context, twoFactorVerified: !needsTwoFactor });
  if (!needsTwoFactor) {
    await recordAudit({ action: "sign_in.succeeded", actorUserId: user.id, targetType: "session", ip, details: { method: "password" } });
  }
  return { ok: true, token, expiresAt: session.absoluteExpiresAt, userId: user.id, isAdmin: user.isAdmin, isCommissioner: user.isCommissioner, needsTwoFactor };
}

export type SecondFactorResult = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string };

/**
 * The second step: a current TOTP code (each accepted once) or an unused
 * recovery code. Wrong codes count towards a per-account limit.
 */
export async function verifySecondFactor(
  pending: { user: SessionUser; session: AuthSession },
  code: string,
  context: Partial<ClientContext> = {},
): Promise<SecondFactorResult> {
  const { user, session } = pending;
  const ip = context.ip ?? null;
  const limit = await peekRateLimit(rateLimitRules.twoFactorAccount, user.id);
  if (!limit.allowed) {
    await recordAudit({ action: "sign_in.rate_limited", targetType: "user", targetId: user.id, ip, details: { step: "two_factor" } });
    return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  }
  const method = await checkSecondFactor(user, code);
  if (!method) {
    await hitRateLimit(rateLimitRules.twoFactorAccount, user.id);
    await recordAudit({ action: "sign_in.two_factor_failed", actorUserId: user.id, targetType: "user", targetId: user.id, ip });
    return { ok: false, message: "That code is not right, or it has already been used. Check your app and try again." };
  }
  await clearRateLimit(rateLimitRules.twoFactorAccount, user.id);
  const full = await replaceSession(session, context);
  if (method === "recovery_code") {
    await recordAudit({ action: "two_factor.recovery_code_used", actorUserId: user.id, targetType: "user", targetId: user.id, ip });
  }
  await recordAudit({ action: "sign_in.succeeded", actorUserId: user.id, targetType: "session", ip, details: { method } });
  return { ok: true, token: full.token, expiresAt: full.session.absoluteExpiresAt };
}

/** Which second factor this code is, if it is a valid one: a current TOTP code (once) or an unused recovery code (spent). */
async function checkSecondFactor(user: SessionUser, code: string): Promise<"totp" | "recovery_code" | null> {
  const digits = code.replace(/\s+/g, "");
  if (/^\d{6}$/.test(digits)) return user.totpKey && (await acceptTotpCode(user.id, user.totpKey, digits)) ? "totp" : null;
  const db = await getDb();
  return (await db.transaction((tx) => spendRecoveryCode(tx, user.id, code))) ? "recovery_code" : null;
}

export type ConfirmSignInResult = { ok: true; token: string; expiresAt: Date } | { ok: false; field: "password" | "code" | null; message: string };

/**
 * Before a change that hands out access: the signed-in person gives their
 * password again (and a code, with two-step sign-in). Wrong attempts count
 * towards the same per-account limit as signing in. On success the session
 * is replaced, and its start is the recent sign-in the change needs.
 */
export async function confirmSignIn(
  current: { user: SessionUser; session: AuthSession },
  input: { password: string; code?: string },
  context: Partial<ClientContext> = {},
): Promise<ConfirmSignInResult> {
  const { user, session } = current;
  const ip = context.ip ?? null;
  const limit = await peekRateLimit(rateLimitRules.signInAccount, user.email);
  if (!limit.allowed) return { ok: false, field: null, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  const refuse = async (field: "password" | "code", message: string): Promise<ConfirmSignInResult> => {
    await hitRateLimit(rateLimitRules.signInAccount, user.email);
    await recordAudit({ action: "sign_in.confirm_failed", actorUserId: user.id, targetType: "user", targetId: user.id, ip, details: { step: field } });
    return { ok: false, field, message };
  };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
    return refuse("password", "That is not your password. Check it and try again.");
  }
  if (user.totpEnabledAt) {
    if (!input.code) return { ok: false, field: "code", message: "Enter the 6-digit code from your app, or a recovery code" };
    if (!(await checkSecondFactor(user, input.code))) {
      return refuse("code", "That code is not right, or it has already been used. Check your app and try again.");
    }
  }
  await clearRateLimit(rateLimitRules.signInAccount, user.email);
  const fresh = await replaceSession(session, context);
  await recordAudit({ action: "sign_in.confirmed", actorUserId: user.id, targetType: "session", ip });
  return { ok: true, token: fresh.token, expiresAt: fresh.session.absoluteExpiresAt };
}

/** Accepts a TOTP code at most once: the step is recorded, and an older or equal step is refused. */
export async function acceptTotpCode(userId: string, key: Uint8Array, code: string, atMs = Date.now()): Promise<boolean> {
  const step = matchTotpStep(key, code, atMs);
  if (step === null) return false;
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

/** Where to go after signing in when no page was asked for. */
export async function landingPathFor(user: Pick<SessionUser, "id" | "isAdmin" | "isCommissioner">): Promise<string> {
  const memberships = await listMemberships(user.id);
  const first = memberships[0];
  if (first?.kind === "provider") return "/organiser";
  if (first?.kind === "referrer") return "/referrals";
  if (user.isAdmin) return "/admin";
  if (user.isCommissioner) return "/reports";
  return "/";
}

/** Ends this session, or every session of its account; also ends a half-finished two-step sign-in. */
export async function signOut(token: string | null, options: { everywhere?: boolean } & Partial<ClientContext> = {}): Promise<void> {
  const found = token ? await validateSessionToken(token) : null;
  if (!found) return;
  if (options.everywhere) await invalidateUserSessions(found.user.id);
  else await invalidateSession(found.session.id);
  await recordAudit({
    action: options.everywhere ? "sessions.ended" : "sign_out",
    actorUserId: found.user.id,
    targetType: "user",
    targetId: found.user.id,
    ip: options.ip ?? null,
  });
}
