/**
 * Every guard over a role × resource matrix: who gets in, who gets a 403 or
 * 404, and that a refusal carries none of the organisation's data and writes nothing.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, invitations, memberships, organisations, users } from "../../db/schema";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { loader as accountLoader } from "~/routes/account._index/route";
import { loader as adminHomeLoader } from "~/routes/admin._index/route";
import { loader as auditLoader } from "~/routes/admin.audit/route";
import { action as adminUsersAction, loader as adminUsersLoader } from "~/routes/admin.users/route";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$id.members/route";
import { addMember, createOrganisation } from "../factories";
import { createAccount } from "../factories/accounts";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

type Who = "owner" | "member" | "otherOrgMember" | "referrer" | "anonymous" | "admin";
const everyone: Who[] = ["owner", "member", "otherOrgMember", "referrer", "anonymous", "admin"];

let orgA: { id: string; name: string };
let people: Record<Exclude<Who, "anonymous">, { id: string; email: string; name: string }>;
let secrets: string[];

beforeAll(async () => {
  orgA = await createOrganisation({ kind: "provider", name: "Kirkstall Secret Walkers" });
  const orgB = await createOrganisation({ kind: "provider", name: "Other Provider" });
  const orgC = await createOrganisation({ kind: "referrer", name: "Referring Practice" });
  people = {
    owner: await createAccount({ name: "Olive Owner", email: "olive.owner@a.example" }),
    member: await createAccount({ name: "Milo Member", email: "milo.member@a.example" }),
    otherOrgMember: await createAccount({ name: "Bea Other", email: "bea@b.example" }),
    referrer: await createAccount({ name: "Rita Referrer", email: "rita@c.example" }),
    admin: await createAccount({ name: "Ada Admin", email: "ada@linkway.example", isAdmin: true }),
  };
  await addMember(orgA.id, people.owner.id, "owner");
  await addMember(orgA.id, people.member.id, "member");
  await addMember(orgB.id, people.otherOrgMember.id, "owner");
  await addMember(orgC.id, people.referrer.id, "owner");
  secrets = [orgA.name, people.owner.email, people.member.email, people.owner.name, people.member.name];
});

const idOf = (who: Who) => (who === "anonymous" ? null : people[who].id);

function expectNoLeak(body: string) {
  for (const secret of secrets) expect(body).not.toContain(secret);
}

async function deniedAuditRows(userId: string | null) {
  if (!userId) return 0;
  const db = await getDb();
  return (await db.select().from(auditLog).where(eq(auditLog.actorUserId, userId))).filter((r) => r.action === "access.denied").length;
}

describe("organisation members page (requireOrgMember)", () => {
  const expected: Record<Who, number> = { owner: 200, member: 200, otherOrgMember: 404, referrer: 404, anonymous: 302, admin: 404 };
  for (const who of everyone) {
    it(`${who} → ${expected[who]}`, async () => {
      const before = await deniedAuditRows(idOf(who));
      const outcome = await callRoute(membersLoader, await requestAs(idOf(who), `/organisations/${orgA.id}/members`), { id: orgA.id });
      expect(outcome.status).toBe(expected[who]);
      if (expected[who] === 200) {
        expect(outcome.text).toContain(people.member.email);
      } else {
        expectNoLeak(outcome.text);
      }
      if (expected[who] === 302) expect(outcome.location).toMatch(/^\/login\?redirectTo=/);
      if (expected[who] === 404) expect(await deniedAuditRows(idOf(who))).toBe(before + 1);
    });
  }

  it("treats malformed and unknown organisation ids as not found", async () => {
    for (const id of ["not-an-id", "00000000-0000-4000-8000-000000000000", "1; drop table users"]) {
      const outcome = await callRoute(membersLoader, await requestAs(people.owner.id, `/organisations/${id}/members`), { id });
      expect(outcome.status).toBe(404);
    }
  });
});

describe("inviting to an organisation (requireOrgMember owner)", () => {
  const expected: Record<Who, number> = { owner: 200, member: 403, otherOrgMember: 404, referrer: 404, anonymous: 302, admin: 404 };
  for (const who of everyone) {
    it(`${who} → ${expected[who]}, and only the owner's invitation is written`, async () => {
      const email = `invitee-${who}@example.test`;
      const outcome = await callRoute(
        membersAction,
        await requestAs(idOf(who), `/organisations/${orgA.id}/members`, { form: { intent: "invite", email, role: "member" } }),
        { id: orgA.id },
      );
      expect(outcome.status).toBe(expected[who]);
      const db = await getDb();
      const written = await db.select().from(invitations).where(eq(invitations.email, email));
      expect(written).toHaveLength(who === "owner" ? 1 : 0);
      if (who !== "owner") expectNoLeak(outcome.text);
    });
  }

  it("a member cannot change roles, remove people or require two-step sign-in", async () => {
    for (const form of <Record<string, string>[]>[
      { intent: "change-role", userId: people.member.id, role: "owner" },
      { intent: "remove", userId: people.owner.id },
      { intent: "require-two-factor", required: "true" },
    ]) {
      const outcome = await callRoute(membersAction, await requestAs(people.member.id, `/organisations/${orgA.id}/members`, { form }), { id: orgA.id });
      expect(outcome.status).toBe(403);
    }
    const db = await getDb();
    const roles = await db.select().from(memberships).where(eq(memberships.organisationId, orgA.id));
    expect(roles.map((r) => r.role).sort()).toEqual(["member", "owner"]);
    const [org] = await db.select().from(organisations).where(eq(organisations.id, orgA.id));
    expect(org.requireTwoFactor).toBe(false);
  });

  it("an outsider cannot remove a member by guessing ids", async () => {
    const outcome = await callRoute(
      membersAction,
      await requestAs(people.otherOrgMember.id, `/organisations/${orgA.id}/members`, { form: { intent: "remove", userId: people.member.id } }),
      { id: orgA.id },
    );
    expect(outcome.status).toBe(404);
    const db = await getDb();
    expect(await db.select().from(memberships).where(eq(memberships.organisationId, orgA.id))).toHaveLength(2);
  });
});

describe("administration (requireAdmin)", () => {
  const expected: Record<Who, number> = { owner: 403, member: 403, otherOrgMember: 403, referrer: 403, anonymous: 302, admin: 200 };
  for (const who of everyone) {
    it(`admin home, audit log and people: ${who} → ${expected[who]}`, async () => {
      for (const [loader, path] of [
        [adminHomeLoader, "/admin"],
        [auditLoader, "/admin/audit"],
        [adminUsersLoader, "/admin/users"],
      ] as const) {
        const outcome = await callRoute(loader, await requestAs(idOf(who), path));
        expect(outcome.status, path).toBe(expected[who]);
        if (expected[who] !== 200) {
          expectNoLeak(outcome.text);
          expect(outcome.text).not.toContain(people.admin.email);
        }
      }
    });
  }

  it("only an admin can make someone an admin", async () => {
    const db = await getDb();
    for (const who of ["owner", "member", "referrer"] as const) {
      const outcome = await callRoute(adminUsersAction, await requestAs(people[who].id, "/admin/users", { form: { userId: people[who].id, admin: "true" } }));
      expect(outcome.status).toBe(403);
    }
    expect((await db.select().from(users).where(eq(users.isAdmin, true))).map((u) => u.id)).toEqual([people.admin.id]);
    const granted = await callRoute(adminUsersAction, await requestAs(people.admin.id, "/admin/users", { form: { userId: people.member.id, admin: "true" } }));
    expect(granted.body.done).toMatch(/now an administrator/);
    const [member] = await db.select().from(users).where(eq(users.id, people.member.id));
    expect(member.isAdmin).toBe(true);
    const revoked = await callRoute(adminUsersAction, await requestAs(people.admin.id, "/admin/users", { form: { userId: people.member.id, admin: "false" } }));
    expect(revoked.body.done).toMatch(/removed/);
  });
});

describe("account page (requireUser)", () => {
  it("shows your own details only, and sends anonymous people to sign in", async () => {
    const own = await callRoute(accountLoader, await requestAs(people.referrer.id, "/account"));
    expect(own.status).toBe(200);
    expect(own.text).toContain(people.referrer.email);
    expectNoLeak(own.text);
    const anonymous = await callRoute(accountLoader, await requestAs(null, "/account"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Faccount");
  });
});

describe("organiser and referrer areas (requireOrgOfKind)", () => {
  const cases: [Who, "provider" | "referrer", number][] = [
    ["owner", "provider", 200],
    ["member", "provider", 200],
    ["referrer", "provider", 403],
    ["admin", "provider", 403],
    ["referrer", "referrer", 200],
    ["owner", "referrer", 403],
    ["anonymous", "referrer", 302],
  ];
  for (const [who, kind, status] of cases) {
    it(`${who} in the ${kind} area → ${status}`, async () => {
      try {
        const found = await requireOrgOfKind(await requestAs(idOf(who), `/${kind}`), kind);
        expect(status).toBe(200);
        expect(found.membership.kind).toBe(kind);
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(Response);
        const response = thrown as Response;
        expect(response.status).toBe(status);
        expectNoLeak(await response.text());
      }
    });
  }
});
