/**
 * The security audit log: who did what, from where, when. Rows are never
 * edited, except that a deleted account's rows keep "deleted user" as actor.
 * Details hold ids and reasons, never passwords, tokens or anything about the people referred.
 */
import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { auditLog, users } from "#db/schema";
import { now } from "~/utils/clock.server";

export const auditActions = {
  "sign_in.succeeded": "Signed in",
  "sign_in.failed": "Sign-in failed (wrong password)",
  "sign_in.rate_limited": "Sign-in refused (too many attempts)",
  "sign_in.two_factor_failed": "Two-step code wrong",
  "sign_in.confirmed": "Sign-in confirmed before a change of access",
  "sign_in.confirm_failed": "Sign-in confirmation failed",
  "sign_out": "Signed out",
  "account.created": "Account created",
  "account.deleted": "Account deleted",
  "name.changed": "Name changed",
  "email.change_requested": "Email change requested",
  "email.changed": "Email address changed",
  "password.changed": "Password changed",
  "password.reset_requested": "Password reset requested",
  "password.reset": "Password reset by emailed link",
  "password.check_failed": "Wrong current password on account page",
  "two_factor.enabled": "Two-step sign-in turned on",
  "two_factor.disabled": "Two-step sign-in turned off",
  "two_factor.recovery_code_used": "Recovery code used",
  "two_factor.recovery_codes_regenerated": "New recovery codes made",
  "sessions.ended": "Signed out of other devices",
  "session.ended": "Signed out of a device",
  "organisation.created": "Organisation created",
  "organisation.two_factor_required": "Two-step sign-in required for members",
  "organisation.two_factor_optional": "Two-step sign-in made optional",
  "invitation.sent": "Invitation sent",
  "invitation.revoked": "Invitation cancelled",
  "invitation.accepted": "Invitation accepted",
  "member.role_changed": "Member's role changed",
  "member.removed": "Member removed",
  "member.left": "Left organisation",
  "admin.granted": "Made an administrator",
  "admin.revoked": "Administrator rights removed",
  "report.exported": "Downloaded each referral (reference codes only)",
  "report.exported_with_names": "Downloaded each referral with names",
  "commissioner.granted": "Given the commissioner's view of reports",
  "commissioner.revoked": "Commissioner's view of reports removed",
  "access.denied": "Access denied",
  "register.reopen": "Register reopened for changes",
  "register.viewed_by_admin": "Register (with names) opened by an administrator outside the organisation",
  "import.applied": "Activities imported from a file or feed",
} as const;

export type AuditAction = keyof typeof auditActions;

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  /** Shown instead of the actor's account (a deleted account; a name kept with the row). */
  actorLabel?: string | null;
  /** The verb's `now`; the clock otherwise. */
  at?: Date;
  targetType?: "user" | "organisation" | "invitation" | "session" | "path";
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(entry: AuditEntry, executor?: Executor): Promise<void> {
  const db = executor ?? (await getDb());
  // The one place audit rows are written.
  await db.insert(auditLog).values({
    at: entry.at ?? now(),
    action: entry.action,
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  });
}

export interface AuditFilter {
  action?: string;
  /** Part of the actor's email or name. */
  actor?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  page?: number;
  perPage?: number;
}

export async function listAuditEntries(filter: AuditFilter = {}) {
  const db = await getDb();
  const perPage = filter.perPage ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actor
      ? or(ilike(users.email, `%${escapeLike(filter.actor)}%`), ilike(users.name, `%${escapeLike(filter.actor)}%`))
      : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
  ];
  const where = and(...conditions.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorName: users.name,
        actorEmail: users.email,
        actorLabel: auditLog.actorLabel,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        ip: auditLog.ip,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where),
  ]);
  return { rows, total: Number(total), page, perPage, pages: Math.max(1, Math.ceil(Number(total) / perPage)) };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
