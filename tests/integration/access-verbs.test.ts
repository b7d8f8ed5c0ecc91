/**
 * The verbs that hand out or take away access check who is asking
 * themselves: called directly (no route in front) with the wrong actor, they
 * refuse and write nothing — no membership, role, invitation, setting,
 * rate-limit count or audit row.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { RECENT_SIGN_IN_MS, setAdmin, setCommissioner } from "~/modules/accounts/index.server";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation, setRequireTwoFactor } from "~/modules/organisations/index.server";
import { addMember, createOrganisation } from "../factories";
import { actorFor, createAccount } from "../factories/accounts";

/** Everything an access change writes. */
async function accessState() {
  const db = await getDb();
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select
      (select coalesce(string_agg(organisation_id::text || ':' || user_id::text || ':' || role, ',' order by organisation_id, user_id), '') from memberships) as memberships,
      (select coalesce(string_agg(id::text || ':' || is_admin::text || ':' || is_commissioner::text, ',' order by id), '') from users) as users,
      (select coalesce(string_agg(id::text || ':' || require_two_factor::text, ',' order by id), '') from organisations) as organisations,
      (select count(*)::text || ':' || count(revoked_at)::text from invitations) as invitations,
      (select count(*)::text from rate_limits) as rate_limits,
      (select count(*)::text from audit_log) as audit_rows`,
  );
  return row;
}

const stale = () => new Date(Date.now() - RECENT_SIGN_IN_MS - 60_000);

async function organisation() {
  const org = await createOrganisation();
  const owner = await createAccount();
  const member = await createAccount();
  const outsider = await createAccount();
  await addMember(org.id, owner.id, "owner");
  await addMember(org.id, member.id);
  const invited = await inviteMember({ organisationId: org.id, email: `invitee.${crypto.randomUUID().slice(0, 6)}@example.org`, role: "member", actor: actorFor(owner.id) });
  expect(invited).toEqual({ ok: true });
  const db = await getDb();
  const [{ id: invitationId }] = await queryRows<{ id: string }>(db, sql`select id from invitations where organisation_id = ${org.id} and revoked_at is null`);
  return { org, owner, member, outsider, invitationId };
}

describe("organisation members: the verbs check the actor", () => {
  it("refuses a member who is not an owner (403) and an outsider (404), writing nothing", async () => {
    const { org, owner, member, outsider, invitationId } = await organisation();
    const before = await accessState();
    for (const [who, refused] of [
      [member, "forbidden"],
      [outsider, "not_found"],
    ] as const) {
      const actor = actorFor(who.id);
      expect(await changeMemberRole({ organisationId: org.id, userId: who.id, role: "owner", actor })).toMatchObject({ ok: false, refused });
      expect(await removeMember({ organisationId: org.id, userId: owner.id, actor })).toMatchObject({ ok: false, refused });
      expect(await setRequireTwoFactor({ organisationId: org.id, required: true, actor })).toMatchObject({ ok: false, refused });
      expect(await revokeInvitation({ organisationId: org.id, invitationId, actor })).toMatchObject({ ok: false, refused });
      expect(await inviteMember({ organisationId: org.id, email: "someone.new@example.org", role: "owner", actor })).toMatchObject({ ok: false, refused });
    }
    expect(await accessState()).toEqual(before);
  });

  it("asks an owner whose sign-in is old to confirm it before handing out access, writing nothing; taking access away needs no confirming", async () => {
    const { org, owner, member } = await organisation();
    const actor = actorFor(owner.id, stale());
    const before = await accessState();
    expect(await changeMemberRole({ organisationId: org.id, userId: member.id, role: "owner", actor })).toMatchObject({ ok: false, refused: "confirm_sign_in" });
    expect(await inviteMember({ organisationId: org.id, email: "someone.new@example.org", role: "member", actor })).toMatchObject({ ok: false, refused: "confirm_sign_in" });
    expect(await setRequireTwoFactor({ organisationId: org.id, required: false, actor })).toMatchObject({ ok: false, refused: "confirm_sign_in" });
    expect(await accessState()).toEqual(before);

    expect(await setRequireTwoFactor({ organisationId: org.id, required: true, actor })).toEqual({ ok: true });
    expect(await removeMember({ organisationId: org.id, userId: member.id, actor })).toEqual({ ok: true });
    const after = await accessState();
    expect(after.memberships).not.toContain(member.id);
    expect(Number(after.audit_rows)).toBe(Number(before.audit_rows) + 2);
  });

  it("lets a member leave, but not remove anyone else", async () => {
    const { org, owner, member } = await organisation();
    expect(await removeMember({ organisationId: org.id, userId: owner.id, actor: actorFor(member.id) })).toMatchObject({ refused: "forbidden" });
    expect(await removeMember({ organisationId: org.id, userId: member.id, actor: actorFor(member.id, stale()) })).toEqual({ ok: true });
    expect((await accessState()).memberships).not.toContain(member.id);
  });
});

describe("administrator and commissioner rights: the verbs check the actor", () => {
  it("refuses someone who is not an administrator, writing nothing", async () => {
    const someone = await createAccount();
    const other = await createAccount();
    const before = await accessState();
    expect(await setAdmin({ userId: someone.id, isAdmin: true, actor: actorFor(someone.id) })).toMatchObject({ ok: false, refused: "forbidden" });
    expect(await setCommissioner({ userId: other.id, isCommissioner: true, actor: actorFor(someone.id) })).toMatchObject({ ok: false, refused: "forbidden" });
    expect(await accessState()).toEqual(before);
  });

  it("asks an administrator with an old sign-in to confirm it before granting, but not before removing", async () => {
    const admin = await createAccount({ isAdmin: true });
    const other = await createAccount({ isAdmin: true, isCommissioner: true });
    const actor = actorFor(admin.id, stale());
    const before = await accessState();
    expect(await setAdmin({ userId: (await createAccount()).id, isAdmin: true, actor })).toMatchObject({ refused: "confirm_sign_in" });
    const afterAccount = await accessState();
    expect({ ...afterAccount, users: before.users }).toEqual(before);
    expect(await setCommissioner({ userId: admin.id, isCommissioner: true, actor })).toMatchObject({ refused: "confirm_sign_in" });
    expect(await setCommissioner({ userId: other.id, isCommissioner: false, actor })).toEqual({ ok: true });
    expect(await setAdmin({ userId: other.id, isAdmin: false, actor })).toEqual({ ok: true });
  });
});
