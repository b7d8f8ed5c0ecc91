/**
 * Setting up and turning off two-step sign-in. Setting up is two steps: a
 * new key is stored (not yet in force) and shown as a QR code and as text;
 * the first correct code from the app turns it on and makes 10 recovery
 * codes, shown once. Turning it off needs the password.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { organisationsRequiringTwoFactor } from "./memberships.server";
import { queueEmail, renderEmail } from "~/modules/notifications/index.server";
import { now } from "~/utils/clock.server";
import { recordAudit } from "./audit.server";
import { type ClientContext } from "./client-context.server";
import { checkCurrentPassword } from "./current-password.server";
import { countUnusedRecoveryCodes, deleteRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes.server";
import { acceptTotpCode } from "./sign-in.server";
import { manualEntryKey, newTotpKey, totpKeyUri, totpQrCodeDataUrl } from "./totp.server";

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Organisations of the user that require it (so it cannot be turned off). */
  requiredBy: string[];
  /** Set up in progress: the key to show. */
  pending: { qrCodeDataUrl: string; manualKey: string } | null;
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const requiredBy = (await organisationsRequiringTwoFactor(userId)).map((o) => o.name);
  const enabled = Boolean(user?.totpEnabledAt);
  let pending: TwoFactorStatus["pending"] = null;
  if (user && !enabled && user.totpKey) {
    const key = new Uint8Array(user.totpKey);
    pending = { qrCodeDataUrl: await totpQrCodeDataUrl(totpKeyUri(user.email, key)), manualKey: manualEntryKey(key) };
  }
  return {
    enabled,
    enabledAt: user?.totpEnabledAt ?? null,
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, userId) : 0,
    requiredBy,
    pending,
  };
}

/** Stores a fresh key (not in force until confirmed). Starting again replaces an unconfirmed key. */
export async function startTotpEnrolment(userId: string): Promise<void> {
  const db = await getDb();
  const [user] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user || user.enabledAt) return;
  await db.update(users).set({ totpKey: newTotpKey(), totpLastStep: null }).where(eq(users.id, userId));
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

export async function confirmTotpEnrolment(
  user: { id: string; email: string; name: string },
  code: string,
  context: Partial<ClientContext> = {},
): Promise<ConfirmResult> {
  const db = await getDb();
  const [row] = await db.select({ key: users.totpKey, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
  if (!row?.key || row.enabledAt) return { ok: false, message: "Start setting up two-step sign-in again." };
  if (!(await acceptTotpCode(user.id, new Uint8Array(row.key), code))) {
    return { ok: false, message: "That code is not right. Check the time on your phone is correct, and enter the newest code." };
  }
  const recoveryCodes = await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: now(), updatedAt: new Date() }).where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(tx, user.id);
    const body = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: ["Two-step sign-in is now on for your Linkway account. If this was not you, reset your password straight away and tell your organisation's owner."],
    });
    await queueEmail(tx, { to: user.email, subject: "Two-step sign-in is on", ...body });
    await recordAudit({ action: "two_factor.enabled", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip }, tx);
    return codes;
  });
  return { ok: true, recoveryCodes };
}

export async function regenerateRecoveryCodes(
  userId: string,
  password: string,
  context: Partial<ClientContext> = {},
): Promise<ConfirmResult> {
  const check = await checkCurrentPassword(userId, password, context.ip);
  if (!check.ok) return { ok: false, message: check.message };
  const db = await getDb();
  const codes = await db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit({ action: "two_factor.recovery_codes_regenerated", actorUserId: userId, targetType: "user", targetId: userId, ip: context.ip }, tx);
    return codes;
  });
  return { ok: true, recoveryCodes: codes };
}

export async function disableTwoFactor(
  user: { id: string; email: string; name: string },
  password: string,
  context: Partial<ClientContext> = {},
): Promise<{ ok: true } | { ok: false; message: string }> {
  const requiredBy = await organisationsRequiringTwoFactor(user.id);
  if (requiredBy.length > 0) {
    return { ok: false, message: `${requiredBy.map((o) => o.name).join(", ")} requires two-step sign-in, so it cannot be turned off.` };
  }
  const check = await checkCurrentPassword(user.id, password, context.ip);
  if (!check.ok) return check;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpKey: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() }).where(eq(users.id, user.id));
    await deleteRecoveryCodes(tx, user.id);
    const body = renderEmail({
      greeting: `Hello ${user.name},`,
      paragraphs: ["Two-step sign-in has been turned off for your Linkway account. If this was not you, reset your password straight away."],
    });
    await queueEmail(tx, { to: user.email, subject: "Two-step sign-in is off", ...body });
    await recordAudit({ action: "two_factor.disabled", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip }, tx);
  });
  return { ok: true };
}
