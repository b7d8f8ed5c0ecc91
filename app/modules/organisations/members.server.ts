/**
 * Membership changes by owners (change role, remove) and by members
 * themselves (leave). An organisation always keeps at least one owner: the
 * organisation row is locked while owners are counted, so two owners cannot
 * both step down at once.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { memberships, organisations, users } from "#db/schema";
import { recordAudit, type Role } from "~/modules/accounts/index.server";

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  twoFactorEnabled: boolean;
  joinedAt: Date;
}

export async function listMembers(organisationId: string): Promise<MemberView[]> {
  const db = await getDb();
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      totpEnabledAt: users.totpEnabledAt,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(sql`case when ${memberships.role} = 'owner' then 0 else 1 end`, asc(users.name));
  return rows.map(({ totpEnabledAt, ...r }) => ({ ...r, twoFactorEnabled: Boolean(totpEnabledAt) }));
}

export type MembershipChange = { ok: true } | { ok: false; message: string };

export const lastOwnerMessage =
  "An organisation needs at least one owner. Make someone else an owner first, then try again.";

async function lockOrganisationAndCountOwners(tx: Executor, organisationId: string): Promise<number> {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("update");
  const [{ owners }] = await tx
    .select({ owners: count() })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")));
  return Number(owners);
}

async function findRole(tx: Executor, organisationId: string, userId: string): Promise<Role | null> {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

export async function changeMemberRole(input: {
  organisationId: string;
  userId: string;
  role: Role;
  actorUserId: string;
  ip?: string | null;
}): Promise<MembershipChange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const owners = await lockOrganisationAndCountOwners(tx, input.organisationId);
    const current = await findRole(tx, input.organisationId, input.userId);
    if (!current) return { ok: false, message: "That person is not a member of this organisation." };
    if (current === input.role) return { ok: true };
    if (current === "owner" && owners <= 1) return { ok: false, message: lastOwnerMessage };
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.organisationId, input.organisationId), eq(memberships.userId, input.userId)));
    await recordAudit(
      {
        action: "member.role_changed",
        actorUserId: input.actorUserId,
        targetType: "user",
        targetId: input.userId,
        ip: input.ip,
        details: { organisationId: input.organisationId, from: current, to: input.role },
      },
      tx,
    );
    return { ok: true };
  });
}

/** An owner removes someone, or (userId = actor) a member leaves. */
export async function removeMember(input: {
  organisationId: string;
  userId: string;
  actorUserId: string;
  ip?: string | null;
}): Promise<MembershipChange> {
  const db = await getDb();
  const leaving = input.userId === input.actorUserId;
  return db.transaction(async (tx) => {
    const owners = await lockOrganisationAndCountOwners(tx, input.organisationId);
    const current = await findRole(tx, input.organisationId, input.userId);
    if (!current) return { ok: false, message: "That person is not a member of this organisation." };
    if (current === "owner" && owners <= 1) {
      return {
        ok: false,
        message: leaving
          ? "You are the only owner, so you cannot leave. Make someone else an owner first."
          : lastOwnerMessage,
      };
    }
    await tx.delete(memberships).where(and(eq(memberships.organisationId, input.organisationId), eq(memberships.userId, input.userId)));
    await recordAudit(
      {
        action: leaving ? "member.left" : "member.removed",
        actorUserId: input.actorUserId,
        targetType: "user",
        targetId: input.userId,
        ip: input.ip,
        details: { organisationId: input.organisationId, role: current },
      },
      tx,
    );
    return { ok: true };
  });
}
