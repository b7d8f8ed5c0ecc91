/** The administrators' view of accounts: find people, grant or remove admin rights. */
import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { users } from "#db/schema";
import { type Actor, confirmSignInFirst, type Refusal, refuse, signedInRecently } from "./actor.server";
import { recordAudit } from "./audit.server";
import { now as clockNow } from "~/utils/clock.server";

export async function listUsers(options: { q?: string; page?: number; perPage?: number } = {}) {
  const db = await getDb();
  const perPage = options.perPage ?? 50;
  const page = Math.max(1, options.page ?? 1);
  const q = options.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = q ? or(ilike(users.email, `%${q}%`), ilike(users.name, `%${q}%`)) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, isCommissioner: users.isCommissioner, totpEnabledAt: users.totpEnabledAt, createdAt: users.createdAt })
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(total), page, perPage, pages: Math.max(1, Math.ceil(Number(total) / perPage)) };
}

export type SetAdminResult = { ok: true } | { ok: false; message: string } | Refusal;

/**
 * Whether the account holds Linkway administrator rights, read from the database each time (never from a caller
 * or a cached session) so a removed right takes effect on the next request. Other contexts ask this, not `users`.
 */
export async function isAdministrator(userId: string, executor?: Executor): Promise<boolean> {
  const db = executor ?? (await getDb());
  const [row] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId));
  return row?.isAdmin === true;
}

/** Only an administrator changes these; granting them hands out access, so it needs a recent sign-in. */
async function checkAdmin(tx: Executor, actor: Actor, grants: boolean, now: Date): Promise<Refusal | null> {
  if (!(await isAdministrator(actor.userId, tx))) return refuse("forbidden", "Only Linkway administrators can do this.");
  if (grants && !signedInRecently(actor, now)) return confirmSignInFirst;
  return null;
}

export async function setAdmin(input: { userId: string; isAdmin: boolean; actor: Actor }, now: Date = clockNow()): Promise<SetAdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const refused = await checkAdmin(tx, input.actor, input.isAdmin, now);
    if (refused) return refused;
    if (!input.isAdmin && input.userId === input.actor.userId) {
      return { ok: false, message: "You cannot remove your own administrator rights. Ask another administrator." };
    }
    const [target] = await tx.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, input.userId)).for("update");
    if (!target) return { ok: false, message: "That account no longer exists." };
    if (target.isAdmin === input.isAdmin) return { ok: true };
    if (!input.isAdmin) {
      const [{ admins }] = await tx.select({ admins: count() }).from(users).where(and(eq(users.isAdmin, true)));
      if (Number(admins) <= 1) return { ok: false, message: "Linkway needs at least one administrator." };
    }
    await tx.update(users).set({ isAdmin: input.isAdmin, updatedAt: now }).where(eq(users.id, input.userId));
    await recordAudit(
      { action: input.isAdmin ? "admin.granted" : "admin.revoked", actorUserId: input.actor.userId, targetType: "user", targetId: input.userId, ip: input.actor.ip, at: now },
      tx,
    );
    return { ok: true };
  });
}

/** Grants or removes the commissioner's view (area-wide aggregate reports); audit-logged. */
export async function setCommissioner(input: { userId: string; isCommissioner: boolean; actor: Actor }, now: Date = clockNow()): Promise<SetAdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const refused = await checkAdmin(tx, input.actor, input.isCommissioner, now);
    if (refused) return refused;
    const [target] = await tx.select({ isCommissioner: users.isCommissioner }).from(users).where(eq(users.id, input.userId)).for("update");
    if (!target) return { ok: false, message: "That account no longer exists." };
    if (target.isCommissioner === input.isCommissioner) return { ok: true };
    await tx.update(users).set({ isCommissioner: input.isCommissioner, updatedAt: now }).where(eq(users.id, input.userId));
    await recordAudit(
      { action: input.isCommissioner ? "commissioner.granted" : "commissioner.revoked", actorUserId: input.actor.userId, targetType: "user", targetId: input.userId, ip: input.actor.ip, at: now },
      tx,
    );
    return { ok: true };
  });
}
