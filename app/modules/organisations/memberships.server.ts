import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { memberships, organisations } from "#db/schema";

export type Role = "owner" | "member";
export type OrganisationKind = "provider" | "referrer";

export interface MembershipView {
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  role: Role;
  requireTwoFactor: boolean;
}

// A builder, not a promise: awaiting a Drizzle query runs it.
function membershipQuery(db: Db) {
  return db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: organisations.kind,
      role: memberships.role,
      requireTwoFactor: organisations.requireTwoFactor,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .$dynamic();
}

/** The user's organisations, oldest membership first. */
export async function listMemberships(userId: string): Promise<MembershipView[]> {
  return membershipQuery(await getDb())
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organisations.name));
}

export async function findMembership(userId: string, organisationId: string): Promise<MembershipView | null> {
  const [row] = await membershipQuery(await getDb()).where(
    and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)),
  );
  return row ?? null;
}

/** The organisations of this user that require two-step sign-in of every member. */
export async function organisationsRequiringTwoFactor(userId: string): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(organisations.requireTwoFactor, true)));
}
