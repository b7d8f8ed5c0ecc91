/** Changes that hand out access need a recent sign-in; an older one is confirmed with the password (and code). */
import { generateTOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { memberships, users } from "../../db/schema";
import { RECENT_SIGN_IN_MS } from "~/modules/accounts/index.server";
import { setClockOffset } from "~/utils/clock.server";
import { action as adminUsersAction } from "~/routes/admin.users/route";
import { action as confirmAction, loader as confirmLoader } from "~/routes/login_.confirm/route";
import { action as membersAction } from "~/routes/organisations.$id.members/route";
import { addMember, createOrganisation } from "../factories";
import { createAccount, enableTotp, testPassword } from "../factories/accounts";
import { cookieFor, requestAs } from "../setup/auth";
import { callRoute, cookieFrom } from "../setup/routes";

afterEach(() => setClockOffset(0));

const post = (cookie: string, path: string, form: Record<string, string>) => requestAs(null, path, { headers: { Cookie: cookie }, form });
const isAdmin = async (id: string) => (await (await getDb()).select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, id)))[0].isAdmin;

/** Signed in, then the clock moves past the recent-sign-in window (the session itself is still valid). */
async function staleSession(userId: string) {
  const cookie = await cookieFor(userId);
  setClockOffset(RECENT_SIGN_IN_MS + 60_000);
  return cookie;
}

describe("a recent sign-in before handing out access", () => {
  it("lets an administrator who signed in recently grant administrator rights at once", async () => {
    const admin = await createAccount({ isAdmin: true });
    const other = await createAccount();
    const cookie = await cookieFor(admin.id);
    const done = await callRoute(adminUsersAction, await post(cookie, "/admin/users", { userId: other.id, admin: "true" }));
    expect(done.status).toBe(200);
    expect(await isAdmin(other.id)).toBe(true);
  });

  it("sends an older sign-in to confirm the password first, changing nothing; then the change works", async () => {
    const admin = await createAccount({ isAdmin: true });
    const other = await createAccount();
    const cookie = await staleSession(admin.id);
    const asked = await callRoute(adminUsersAction, await post(cookie, "/admin/users?q=x", { userId: other.id, admin: "true" }));
    expect(asked.location).toBe(`/login/confirm?redirectTo=${encodeURIComponent("/admin/users?q=x")}`);
    expect(await isAdmin(other.id)).toBe(false);

    const wrong = await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: "not my password at all", redirectTo: "/admin/users?q=x" }));
    expect(wrong.location).toBeNull();
    expect(wrong.body.error.password[0]).toMatch(/not your password/);

    const confirmed = await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: testPassword, redirectTo: "/admin/users?q=x" }));
    expect(confirmed.location).toBe("/admin/users?q=x");
    const fresh = cookieFrom(confirmed)!;
    expect(fresh).not.toBe(cookie);
    // The old session is gone; the new one counts as a recent sign-in.
    expect((await callRoute(confirmLoader, await requestAs(null, "/login/confirm", { headers: { Cookie: cookie } }))).location).toMatch(/^\/login/);
    await callRoute(adminUsersAction, await post(fresh, "/admin/users", { userId: other.id, admin: "true" }));
    expect(await isAdmin(other.id)).toBe(true);
  });

  it("never asks before taking access away", async () => {
    const admin = await createAccount({ isAdmin: true });
    const other = await createAccount({ isAdmin: true });
    const cookie = await staleSession(admin.id);
    const revoked = await callRoute(adminUsersAction, await post(cookie, "/admin/users", { userId: other.id, admin: "false" }));
    expect(revoked.location).toBeNull();
    expect(await isAdmin(other.id)).toBe(false);
  });

  it("asks people with two-step sign-in for a code too", async () => {
    const admin = await createAccount({ isAdmin: true });
    const key = await enableTotp(admin.id);
    const cookie = await staleSession(admin.id);
    expect((await callRoute(confirmLoader, await requestAs(null, "/login/confirm", { headers: { Cookie: cookie } }))).body).toMatchObject({ needsCode: true });
    const noCode = await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: testPassword }));
    expect(noCode.body.error.code[0]).toMatch(/6-digit code/);
    const ok = await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: testPassword, code: generateTOTP(key, 30, 6) }));
    expect(ok.location).toBe("/account");
  });

  it("locks after 5 wrong passwords, like signing in", async () => {
    const admin = await createAccount({ isAdmin: true });
    const cookie = await staleSession(admin.id);
    for (let i = 0; i < 5; i++) await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: `wrong password ${i}` }));
    const locked = await callRoute(confirmAction, await post(cookie, "/login/confirm", { password: testPassword }));
    expect(locked.location).toBeNull();
    expect(locked.body.error[""][0]).toMatch(/Too many attempts/);
  });

  it("guards an owner making someone an owner, but not removing a member", async () => {
    const org = await createOrganisation();
    const owner = await createAccount();
    const member = await createAccount();
    const leaver = await createAccount();
    await addMember(org.id, owner.id, "owner");
    await addMember(org.id, member.id);
    await addMember(org.id, leaver.id);
    const cookie = await staleSession(owner.id);
    const path = `/organisations/${org.id}/members`;
    const promote = await callRoute(membersAction, await post(cookie, path, { intent: "change-role", userId: member.id, role: "owner" }), { id: org.id });
    expect(promote.location).toBe(`/login/confirm?redirectTo=${encodeURIComponent(path)}`);
    const roles = await (await getDb()).select().from(memberships).where(eq(memberships.organisationId, org.id));
    expect(roles.find((m) => m.userId === member.id)!.role).toBe("member");

    const removed = await callRoute(membersAction, await post(cookie, path, { intent: "remove", userId: leaver.id }), { id: org.id });
    expect(removed.location).toBeNull();
    expect(removed.body).toMatchObject({ done: "Member removed." });

    const invite = await callRoute(membersAction, await post(cookie, path, { intent: "invite", email: "new.person@example.org", role: "member" }), { id: org.id });
    expect(invite.location).toBe(`/login/confirm?redirectTo=${encodeURIComponent(path)}`);
    const optional = await callRoute(membersAction, await post(cookie, path, { intent: "require-two-factor", required: "false" }), { id: org.id });
    expect(optional.location).toBe(`/login/confirm?redirectTo=${encodeURIComponent(path)}`);
    const required = await callRoute(membersAction, await post(cookie, path, { intent: "require-two-factor", required: "true" }), { id: org.id });
    expect(required.location).toBeNull();
  });
});
