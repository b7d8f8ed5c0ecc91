import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { memberships, organisations } from "#db/schema";
import { type Actor, recordAudit, type OrganisationKind, type Refusal } from "~/modules/accounts/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { checkOwner } from "./members.server";

/** A new organisation with its first owner, in the caller's transaction. */
export async function createOrganisationWithOwner(
  tx: Executor,
  input: { name: string; kind: OrganisationKind; ownerId: string; ip?: string | null },
): Promise<{ id: string }> {
  const [organisation] = await tx
    .insert(organisations)
    .values({ name: input.name, kind: input.kind })
    .returning({ id: organisations.id });
  await tx.insert(memberships).values({ organisationId: organisation.id, userId: input.ownerId, role: "owner" });
  await recordAudit(
    { action: "organisation.created", actorUserId: input.ownerId, targetType: "organisation", targetId: organisation.id, ip: input.ip, details: { kind: input.kind } },
    tx,
  );
  return organisation;
}

/**
 * A provider organisation an admin's import brought in (from an HSDS feed), with no
 * members yet: the admin invites its organisers afterwards. In the caller's transaction.
 */
export async function createImportedOrganisation(
  tx: Executor,
  input: { name: string; description?: string | null; website?: string | null; email?: string | null; phone?: string | null; actorUserId: string },
): Promise<{ id: string }> {
  const [organisation] = await tx
    .insert(organisations)
    .values({ kind: "provider", name: input.name, description: input.description ?? null, website: input.website ?? null, email: input.email ?? null, phone: input.phone ?? null })
    .returning({ id: organisations.id });
  await recordAudit(
    { action: "organisation.created", actorUserId: input.actorUserId, targetType: "organisation", targetId: organisation.id, details: { kind: "provider", imported: true } },
    tx,
  );
  return organisation;
}

/** Every provider organisation by name, for an admin choosing where an import goes. */
export async function listProviderOrganisations(): Promise<{ id: string; name: string }[]> {
  const db = await getDb();
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, "provider")).orderBy(asc(organisations.name));
}

export async function getOrganisation(organisationId: string) {
  const db = await getDb();
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return row ?? null;
}

/** The owner's switch: every member must use two-step sign-in (they are sent to set it up). Making it optional hands out access. */
export async function setRequireTwoFactor(input: { organisationId: string; required: boolean; actor: Actor }, now: Date = clockNow()): Promise<{ ok: true } | Refusal> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const refused = await checkOwner(tx, input.organisationId, input.actor, { handsOutAccess: !input.required, now });
    if (refused) return refused;
    await tx.update(organisations).set({ requireTwoFactor: input.required, updatedAt: now }).where(eq(organisations.id, input.organisationId));
    await recordAudit(
      {
        action: input.required ? "organisation.two_factor_required" : "organisation.two_factor_optional",
        actorUserId: input.actor.userId,
        targetType: "organisation",
        targetId: input.organisationId,
        ip: input.actor.ip,
        at: now,
      },
      tx,
    );
    return { ok: true as const };
  });
}
