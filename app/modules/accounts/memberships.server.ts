/**
 * The organisations a user belongs to, and with what role, as their account
 * needs to know: the guards scope every page by these, sign-in picks the
 * landing page, two-step sign-in and account deletion check them. Changing
 * memberships is the organisations module's work (it builds on accounts).
 */
import { and, asc, count, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { memberships, organisations, users } from "#db/schema";

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
function membershipQuery(db: Executor) {
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

export async function findMembership(userId: string, organisationId: string, executor?: Executor): Promise<MembershipView | null> {
  const [row] = await membershipQuery(executor ?? (await getDb())).where(
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

/** Organisations this user is the only owner of (they must hand over before deleting their account). */
export async function organisationsSolelyOwnedBy(userId: string, executor?: Executor): Promise<{ id: string; name: string }[]> {
  const db = executor ?? (await getDb());
  const owned = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner")));
  const sole: { id: string; name: string }[] = [];
  for (const org of owned) {
    const [{ owners }] = await db
      .select({ owners: count() })
      .from(memberships)
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.role, "owner")));
    if (Number(owners) <= 1) sole.push(org);
  }
  return sole;
}

/** Everyone in the organisation (owners and members), by email address, oldest membership first. */
export async function listMemberEmails(executor: Executor, organisationId: string): Promise<string[]> {
  const rows = await executor
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
  return rows.map((r) => r.email);
}
