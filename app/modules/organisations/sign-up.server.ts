/**
 * Creating an account with a new organisation. The address is proved first:
 * the form's details wait in a one-time token (the password already hashed)
 * and the account is made when the emailed link is confirmed. The page says
 * the same whether or not the address already has an account; an existing
 * holder is emailed a note instead, so sign-up reveals nothing.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { recordAudit, type ClientContext, type OrganisationKind, consumeOneTimeToken, findOneTimeToken, issueOneTimeToken, hashPassword, passwordProblem, hitRateLimit, rateLimitRules, tooManyAttemptsMessage, createSession } from "~/modules/accounts/index.server";
import { queueEmail, renderEmail } from "~/modules/notifications/index.server";
import { publicUrl } from "~/utils/env.server";
import { now } from "~/utils/clock.server";
import { createOrganisationWithOwner } from "./organisations.server";

export const SIGN_UP_LINK_TTL_MS = 24 * 3600_000;

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  organisationName: string;
  organisationKind: OrganisationKind;
}

interface PendingSignUp {
  name: string;
  email: string;
  passwordHash: string;
  organisationName: string;
  organisationKind: OrganisationKind;
}

export type SignUpRequestResult = { ok: true } | { ok: false; field?: "password"; message: string };

export async function requestSignUp(input: SignUpInput, context: Partial<ClientContext> = {}): Promise<SignUpRequestResult> {
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) return { ok: false, field: "password", message: problem };
  for (const [rule, subject] of [
    [rateLimitRules.signUpIp, context.ip ?? null],
    [rateLimitRules.signUpEmail, input.email],
  ] as const) {
    const limit = await hitRateLimit(rule, subject);
    if (!limit.allowed) return { ok: false, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  }
  const email = input.email.toLowerCase();
  // Hashed either way, so the response takes as long whether or not the address is known.
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      const body = renderEmail({
        greeting: "Hello,",
        paragraphs: [
          "Someone tried to create a Linkway account with this email address, but you already have one.",
          "If it was you, sign in instead. If you have forgotten your password you can reset it from the sign-in page.",
          "If it was not you, you do not need to do anything.",
        ],
        action: { label: "Sign in", url: `${publicUrl()}/login` },
      });
      await queueEmail(tx, { to: email, subject: "You already have a Linkway account", ...body });
      return;
    }
    const pending: PendingSignUp = {
      name: input.name,
      email,
      passwordHash,
      organisationName: input.organisationName,
      organisationKind: input.organisationKind,
    };
    const token = await issueOneTimeToken(tx, {
      purpose: "sign_up",
      subjectId: email,
      ttlMs: SIGN_UP_LINK_TTL_MS,
      payload: pending as unknown as Record<string, unknown>,
    });
    const body = renderEmail({
      greeting: `Hello ${input.name},`,
      paragraphs: [
        `Thank you for signing up to Linkway for ${input.organisationName}.`,
        "Open the link below to confirm your email address and finish creating your account. It works for 24 hours.",
        "If you did not sign up, you can ignore this email.",
      ],
      action: { label: "Confirm your email address", url: `${publicUrl()}/signup/confirm/${encodeURIComponent(token)}` },
    });
    await queueEmail(tx, { to: email, subject: "Confirm your email to finish signing up", ...body });
  });
  return { ok: true };
}

/** What a confirmation link will create, or null when the link is wrong, used or expired. */
export async function readSignUp(token: string): Promise<{ email: string; organisationName: string } | null> {
  const db = await getDb();
  const row = await findOneTimeToken(db, "sign_up", token);
  if (!row?.payload) return null;
  const pending = row.payload as unknown as PendingSignUp;
  return { email: pending.email, organisationName: pending.organisationName };
}

export type CompleteSignUpResult =
  | { ok: true; userId: string; organisationKind: OrganisationKind; token: string; expiresAt: Date }
  | { ok: false; message: string };

export async function completeSignUp(token: string, context: Partial<ClientContext> = {}): Promise<CompleteSignUpResult> {
  const db = await getDb();
  const created = await db.transaction(async (tx) => {
    const row = await consumeOneTimeToken(tx, "sign_up", token);
    if (!row?.payload) return null;
    const pending = row.payload as unknown as PendingSignUp;
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, pending.email));
    if (existing) return "taken" as const;
    const [user] = await tx
      .insert(users)
      .values({ email: pending.email, name: pending.name, passwordHash: pending.passwordHash, emailVerifiedAt: now() })
      .returning({ id: users.id });
    await recordAudit({ action: "account.created", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip, details: { via: "sign_up" } }, tx);
    await createOrganisationWithOwner(tx, { name: pending.organisationName, kind: pending.organisationKind, ownerId: user.id, ip: context.ip });
    return { userId: user.id, organisationKind: pending.organisationKind };
  });
  if (created === null) {
    return { ok: false, message: "This link has expired or has already been used. Sign in, or sign up again." };
  }
  if (created === "taken") return { ok: false, message: "An account already exists for this email address. Sign in instead." };
  const session = await createSession(created.userId, { ...context, twoFactorVerified: true });
  await recordAudit({ action: "sign_in.succeeded", actorUserId: created.userId, targetType: "session", ip: context.ip, details: { method: "sign_up" } });
  return { ok: true, ...created, token: session.token, expiresAt: session.session.absoluteExpiresAt };
}
