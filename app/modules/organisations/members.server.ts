/**
 * Membership changes by owners (change role, remove) and by members
 * themselves (leave). An organisation always keeps at least one owner: the
 * organisation row is locked while owners are counted, so two owners cannot
 * both step down at once.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { memberships, organisations, users } from "#db/schema";
import { type Actor, confirmSignInFirst, recordAudit, type Refusal, refuse, type Role, signedInRecently } from "~/modules/accounts/index.server";
import { now as clockNow } from "~/utils/clock.server";

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

export type MembershipChange = { ok: true } | { ok: false; message: string } | Refusal;

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

/**
 * Whether the actor may change this organisation's members: an owner, and
 * for a change that hands out access, signed in recently. Someone outside
 * the organisation learns nothing about it (not found).
 */
export async function checkOwner(tx: Executor, organisationId: string, actor: Actor, options: { handsOutAccess: boolean; now: Date }): Promise<Refusal | null> {
  const role = await findRole(tx, organisationId, actor.userId);
  if (!role) return refuse("not_found", "We could not find that organisation.");
  if (role !== "owner") return refuse("forbidden", "Only an owner of this organisation can do this.");
  if (options.handsOutAccess && !signedInRecently(actor, options.now)) return confirmSignInFirst;
  return null;
}

/** An owner changes someone's role; making someone an owner needs a recent sign-in. */
export async function changeMemberRole(input: { organisationId: string; userId: string; role: Role; actor: Actor }, now: Date = clockNow()): Promise<MembershipChange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const owners = await lockOrganisationAndCountOwners(tx, input.organisationId);
    const refused = await checkOwner(tx, input.organisationId, input.actor, { handsOutAccess: input.role === "owner", now });
    if (refused) return refused;
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
        actorUserId: input.actor.userId,
        targetType: "user",
        targetId: input.userId,
        ip: input.actor.ip,
        details: { organisationId: input.organisationId, from: current, to: input.role },
        at: now,
      },
      tx,
    );
    return { ok: true };
  });
}

/** An owner removes someone, or (userId = the actor) a member leaves. */
export async function removeMember(input: { organisationId: string; userId: string; actor: Actor }, now: Date = clockNow()): Promise<MembershipChange> {
  const db = await getDb();
  const leaving = input.userId === input.actor.userId;
  return db.transaction(async (tx) => {
    const owners = await lockOrganisationAndCountOwners(tx, input.organisationId);
    if (!leaving) {
      // Taking access away never needs a recent sign-in.
      const refused = await checkOwner(tx, input.organisationId, input.actor, { handsOutAccess: false, now });
      if (refused) return refused;
    }
    const current = await findRole(tx, input.organisationId, input.userId);
    if (!current) return leaving ? refuse("not_found", "We could not find that organisation.") : { ok: false, message: "That person is not a member of this organisation." };
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
        actorUserId: input.actor.userId,
        targetType: "user",
        targetId: input.userId,
        ip: input.actor.ip,
        details: { organisationId: input.organisationId, role: current },
        at: now,
      },
      tx,
    );
    return { ok: true };
  });
}
