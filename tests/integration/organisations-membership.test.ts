import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, memberships } from "../../db/schema";
import { getCurrentUser } from "~/modules/accounts/index.server";
import { changeMemberRole, removeMember } from "~/modules/organisations/index.server";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$id.members/route";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invitations.$token/route";
import { addMember, createOrganisation } from "../factories";
import { actorFor as actorNow, createAccount, linkFromEmail } from "../factories/accounts";
import { emailsTo } from "../factories/mail";
import { requestAs } from "../setup/auth";
import { callRoute, cookieFrom } from "../setup/routes";

const tokenOf = (path: string) => decodeURIComponent(path.split("/").pop()!);

async function orgWithOwner(kind: "provider" | "referrer" = "provider") {
  const org = await createOrganisation({ kind });
  const owner = await createAccount();
  await addMember(org.id, owner.id, "owner");
  return { org, owner };
}

async function invite(orgId: string, ownerId: string, email: string, role = "member") {
  return callRoute(membersAction, await requestAs(ownerId, `/organisations/${orgId}/members`, { form: { intent: "invite", email, role } }), { id: orgId });
}

async function roleOf(orgId: string, userId: string) {
  const db = await getDb();
  const [row] = await db.select().from(memberships).where(and(eq(memberships.organisationId, orgId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

describe("invitations", () => {
  it("a new person accepts from the email, sets name and password, joins and is signed in", async () => {
    const { org, owner } = await orgWithOwner();
    const sent = await invite(org.id, owner.id, "Colleague@Example.test");
    expect(sent.body.done).toMatch(/Invitation sent to colleague@example.test/);
    const link = await linkFromEmail("colleague@example.test", "/invitations/");
    const token = tokenOf(link);
    const page = await callRoute(acceptLoader, await requestAs(null, link), { token });
    expect(page.body.invitation).toMatchObject({ organisationName: org.name, email: "colleague@example.test", role: "member", hasAccount: false });
    const weak = await callRoute(acceptAction, await requestAs(null, link, { form: { intent: "create", name: "Cal", password: "password1234" } }), { token });
    expect(weak.body.result.error.password[0]).toMatch(/most commonly used/);
    const done = await callRoute(acceptAction, await requestAs(null, link, { form: { intent: "create", name: "Cal Colleague", password: "wicker basket seaside" } }), { token });
    expect(done.location).toBe("/organiser");
    const current = await getCurrentUser(await requestAs(null, "/", { headers: { Cookie: cookieFrom(done)! } }));
    expect(current?.user.name).toBe("Cal Colleague");
    expect(await roleOf(org.id, current!.user.id)).toBe("member");
    expect((await callRoute(acceptLoader, await requestAs(null, link), { token })).body.invitation).toBeNull();
  });

  it("someone with an account signs in as the invited address and joins; another account cannot use the link", async () => {
    const { org, owner } = await orgWithOwner("referrer");
    const invitee = await createAccount();
    const stranger = await createAccount();
    await invite(org.id, owner.id, invitee.email, "owner");
    const link = await linkFromEmail(invitee.email, "/invitations/");
    const token = tokenOf(link);
    expect((await callRoute(acceptLoader, await requestAs(null, link), { token })).body.invitation.hasAccount).toBe(true);
    const wrong = await callRoute(acceptAction, await requestAs(stranger.id, link, { form: { intent: "join" } }), { token });
    expect(wrong.body.join).toMatch(/sent to/);
    expect(await roleOf(org.id, stranger.id)).toBeNull();
    const joined = await callRoute(acceptAction, await requestAs(invitee.id, link, { form: { intent: "join" } }), { token });
    expect(joined.location).toBe("/referrals");
    expect(await roleOf(org.id, invitee.id)).toBe("owner");
  });

  it("a newer invitation replaces an older one, and an owner can cancel one", async () => {
    const { org, owner } = await orgWithOwner();
    await invite(org.id, owner.id, "twice@example.test");
    const first = tokenOf(await linkFromEmail("twice@example.test", "/invitations/"));
    await invite(org.id, owner.id, "twice@example.test");
    expect((await callRoute(acceptLoader, await requestAs(null, "/"), { token: first })).body.invitation).toBeNull();
    const list = await callRoute(membersLoader, await requestAs(owner.id, `/organisations/${org.id}/members`), { id: org.id });
    expect(list.body.invitations).toHaveLength(1);
    const second = tokenOf(await linkFromEmail("twice@example.test", "/invitations/"));
    await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "revoke-invitation", invitationId: list.body.invitations[0].id } }), { id: org.id });
    expect((await callRoute(acceptLoader, await requestAs(null, "/"), { token: second })).body.invitation).toBeNull();
  });

  it("says when the person is already a member, and limits how many invitations one owner sends", async () => {
    const { org, owner } = await orgWithOwner();
    const already = await invite(org.id, owner.id, owner.email);
    expect(already.body.invite.error.email[0]).toMatch(/already a member/);
    let last;
    // The refused invitation above counts too: 30 attempts an hour.
    for (let i = 0; i < 29; i++) last = await invite(org.id, owner.id, `bulk${i}@example.test`);
    expect(last!.body.done).toMatch(/Invitation sent/);
    const refused = await invite(org.id, owner.id, "one-too-many@example.test");
    expect(refused.body.invite.error[""][0]).toMatch(/Too many attempts/);
    expect(await emailsTo("one-too-many@example.test")).toHaveLength(0);
  });
});

describe("roles and the last owner", () => {
  it("owners change roles and remove members, audit-logged", async () => {
    const { org, owner } = await orgWithOwner();
    const member = await createAccount();
    await addMember(org.id, member.id);
    const promoted = await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "change-role", userId: member.id, role: "owner" } }), { id: org.id });
    expect(promoted.body.done).toMatch(/owner/);
    expect(await roleOf(org.id, member.id)).toBe("owner");
    const removed = await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "remove", userId: member.id } }), { id: org.id });
    expect(removed.body.done).toMatch(/removed/);
    expect(await roleOf(org.id, member.id)).toBeNull();
    const db = await getDb();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorUserId, owner.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["member.role_changed", "member.removed"]));
  });

  it("the last owner cannot be demoted, removed or leave", async () => {
    const { org, owner } = await orgWithOwner();
    const member = await createAccount();
    await addMember(org.id, member.id);
    const demote = await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "change-role", userId: owner.id, role: "member" } }), { id: org.id });
    expect(demote.body.error).toMatch(/at least one owner/);
    const leave = await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "leave" } }), { id: org.id });
    expect(leave.body.error).toMatch(/only owner/);
    expect(await roleOf(org.id, owner.id)).toBe("owner");
    // A member can leave.
    const left = await callRoute(membersAction, await requestAs(member.id, `/organisations/${org.id}/members`, { form: { intent: "leave" } }), { id: org.id });
    expect(left.location).toBe("/account");
    expect(await roleOf(org.id, member.id)).toBeNull();
  });

  it("two owners stepping down at once still leave one owner", async () => {
    const { org, owner } = await orgWithOwner();
    const second = await createAccount();
    await addMember(org.id, second.id, "owner");
    const results = await Promise.all([
      changeMemberRole({ organisationId: org.id, userId: owner.id, role: "member", actor: actorNow(owner.id) }),
      removeMember({ organisationId: org.id, userId: second.id, actor: actorNow(second.id) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const db = await getDb();
    const owners = await db.select().from(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });
});
