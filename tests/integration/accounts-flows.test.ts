import { generateTOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, authSessions, memberships, oneTimeTokens, organisations, users } from "../../db/schema";
import { getCurrentUser, requireUser, createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from "~/modules/accounts/index.server";
import { setClockOffset } from "~/utils/clock.server";
import { action as signUpAction } from "~/routes/signup/route";
import { action as confirmSignUpAction, loader as confirmSignUpLoader } from "~/routes/signup_.confirm.$token/route";
import { action as forgotAction } from "~/routes/forgot-password/route";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token/route";
import { action as accountAction } from "~/routes/account._index/route";
import { action as confirmEmailAction } from "~/routes/account.confirm-email.$token/route";
import { action as passwordAction } from "~/routes/account.password/route";
import { action as twoFactorSetupAction, loader as twoFactorSetupLoader } from "~/routes/account.two-factor/route";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account.sessions/route";
import { action as deleteAction } from "~/routes/account.delete/route";
import { loader as membersLoader, action as membersAction } from "~/routes/organisations.$id.members/route";
import { action as loginAction } from "~/routes/login/route";
import { addMember, createOrganisation } from "../factories";
import { createAccount, emailsTo, linkFromEmail, testPassword } from "../factories/accounts";
import { requestAs } from "../setup/auth";
import { callRoute, cookieFrom } from "../setup/routes";
import { MINUTE_MS } from "~/utils/time";

const tokenOf = (path: string) => decodeURIComponent(path.split("/").pop()!);
const withCookie = (cookie: string, path: string, form?: Record<string, string>) =>
  requestAs(null, path, { headers: { Cookie: cookie }, ...(form ? { form } : {}) });

describe("signing up", () => {
  const form = (email: string, password = "kettle harbour meadow") => ({
    name: "Pat Garden",
    email,
    password,
    organisationName: "Meanwood Growers",
    organisationKind: "provider",
  });

  it("emails a link; confirming it creates the account and the organisation with them as owner", async () => {
    const sent = await callRoute(signUpAction, await requestAs(null, "/signup", { form: form("Pat@Example.test") }));
    expect(sent.body.sentTo).toBe("pat@example.test");
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, "pat@example.test"))).toHaveLength(0);
    const link = await linkFromEmail("pat@example.test", "/signup/confirm/");
    const token = tokenOf(link);
    expect((await callRoute(confirmSignUpLoader, await requestAs(null, link), { token })).body.pending.organisationName).toBe("Meanwood Growers");
    const done = await callRoute(confirmSignUpAction, await requestAs(null, link, { form: {} }), { token });
    expect(done.location).toBe("/organiser");
    const cookie = cookieFrom(done)!;
    const current = await getCurrentUser(await withCookie(cookie, "/"));
    expect(current?.user.email).toBe("pat@example.test");
    expect(current?.user.emailVerifiedAt).not.toBeNull();
    const [membership] = await db.select().from(memberships).innerJoin(organisations, eq(organisations.id, memberships.organisationId)).where(eq(memberships.userId, current!.user.id));
    expect(membership.memberships.role).toBe("owner");
    expect(membership.organisations.kind).toBe("provider");
    // The link works once.
    expect((await callRoute(confirmSignUpAction, await requestAs(null, link, { form: {} }), { token })).body.error).toMatch(/expired or has already been used/);
  });

  it("answers the same for an address that already has an account, and emails its owner instead", async () => {
    const existing = await createAccount();
    const sent = await callRoute(signUpAction, await requestAs(null, "/signup", { form: form(existing.email) }));
    expect(sent.body.sentTo).toBe(existing.email);
    const emails = await emailsTo(existing.email);
    expect(emails.map((e) => e.subject)).toEqual(["You already have a Linkway account"]);
  });

  it("refuses short and common passwords next to the field", async () => {
    const short = await callRoute(signUpAction, await requestAs(null, "/signup", { form: form("a@example.test", "short") }));
    expect(short.body.result.error.password[0]).toMatch(/at least 12/);
    const common = await callRoute(signUpAction, await requestAs(null, "/signup", { form: form("a@example.test", "Password1234") }));
    expect(common.body.result.error.password[0]).toMatch(/most commonly used/);
    expect(await emailsTo("a@example.test")).toHaveLength(0);
  });

  it("limits sign-ups from one address", async () => {
    let last;
    for (let i = 0; i < 11; i++) last = await callRoute(signUpAction, await requestAs(null, "/signup", { form: form(`many${i}@example.test`) }));
    expect(last!.body.result.error[""][0]).toMatch(/Too many attempts/);
  });
});

describe("resetting a password", () => {
  it("emails a single-use link, stored hashed, that sets the password and signs out everywhere", async () => {
    const user = await createAccount();
    const oldSession = await createSession(user.id, { twoFactorVerified: true });
    const sent = await callRoute(forgotAction, await requestAs(null, "/forgot-password", { form: { email: user.email } }));
    expect(sent.body.sentTo).toBe(user.email);
    const link = await linkFromEmail(user.email, "/reset-password/");
    const token = tokenOf(link);
    const db = await getDb();
    const [row] = await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.subjectId, user.id));
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(token.split(".")[1]);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60 * MINUTE_MS);
    expect((await callRoute(resetLoader, await requestAs(null, link), { token })).body.usable).toBe(true);

    const weak = await callRoute(resetAction, await requestAs(null, link, { form: { password: "qwertyuiop123" } }), { token });
    expect(weak.body.error.password[0]).toMatch(/most commonly used/);
    const done = await callRoute(resetAction, await requestAs(null, link, { form: { password: "lantern pebble orchard" } }), { token });
    expect(done.location).toBe("/login?reset=1");
    expect(await validateSessionToken(oldSession.token)).toBeNull();
    const signIn = await callRoute(loginAction, await requestAs(null, "/login", { form: { email: user.email, password: "lantern pebble orchard" } }));
    expect(signIn.status).toBe(302);
    const again = await callRoute(resetAction, await requestAs(null, link, { form: { password: "another fine phrase" } }), { token });
    expect(again.body.error[""][0]).toMatch(/expired or has already been used/);
  });

  it("says the same whether or not the address has an account", async () => {
    const unknown = await callRoute(forgotAction, await requestAs(null, "/forgot-password", { form: { email: "nobody@example.test" } }));
    expect(unknown.body.sentTo).toBe("nobody@example.test");
    expect(await emailsTo("nobody@example.test")).toHaveLength(0);
  });

  it("expires the link after 45 minutes", async () => {
    const user = await createAccount();
    await callRoute(forgotAction, await requestAs(null, "/forgot-password", { form: { email: user.email } }));
    const token = tokenOf(await linkFromEmail(user.email, "/reset-password/"));
    setClockOffset(46 * MINUTE_MS);
    try {
      expect((await callRoute(resetLoader, await requestAs(null, "/"), { token })).body.usable).toBe(false);
    } finally {
      setClockOffset(0);
    }
  });

  it("limits reset requests per address", async () => {
    let last;
    for (let i = 0; i < 4; i++) last = await callRoute(forgotAction, await requestAs(null, "/forgot-password", { form: { email: "limit@example.test" } }));
    expect(last!.body.result.error[""][0]).toMatch(/Too many attempts/);
  });
});

describe("sessions", () => {
  it("slides the idle expiry while used, and ends at the absolute lifetime", async () => {
    const user = await createAccount();
    const start = new Date("2026-03-01T09:00:00Z");
    const { token } = await createSession(user.id, { now: start, twoFactorVerified: true });
    let at = start;
    for (let i = 0; i < 10; i++) {
      at = new Date(at.getTime() + SESSION_IDLE_MS - 60_000);
      if (at.getTime() - start.getTime() >= SESSION_ABSOLUTE_MS) break;
      expect(await validateSessionToken(token, at), `after ${i}`).not.toBeNull();
    }
    expect(await validateSessionToken(token, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
    const idle = await createSession(user.id, { now: start });
    expect(await validateSessionToken(idle.token, new Date(start.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
  });

  it("refuses a token whose secret is wrong", async () => {
    const user = await createAccount();
    const { token } = await createSession(user.id);
    expect(await validateSessionToken(`${token.split(".")[0]}.wrongsecretwrongsecret`)).toBeNull();
  });

  it("lists the account's devices and ends one or all others", async () => {
    const user = await createAccount();
    const here = await createSession(user.id, { twoFactorVerified: true, userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36" });
    const phone = await createSession(user.id, { twoFactorVerified: true, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Version/17.0 Mobile Safari/604.1", ip: "203.0.113.9" });
    const tablet = await createSession(user.id, { twoFactorVerified: true });
    const cookie = `linkway_session=${here.token}`;
    const listed = await callRoute(sessionsLoader, await withCookie(cookie, "/account/sessions"));
    expect(listed.body.sessions.map((s: { device: string }) => s.device)).toContain("Safari on iPhone");
    expect(listed.body.sessions[0].current).toBe(true);
    await callRoute(sessionsAction, await withCookie(cookie, "/account/sessions", { intent: "end-one", sessionId: phone.session.id }));
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await validateSessionToken(tablet.token)).not.toBeNull();
    await callRoute(sessionsAction, await withCookie(cookie, "/account/sessions", { intent: "end-others" }));
    expect(await validateSessionToken(tablet.token)).toBeNull();
    expect(await validateSessionToken(here.token)).not.toBeNull();
  });

  it("cannot end someone else's session", async () => {
    const a = await createAccount();
    const b = await createAccount();
    const theirs = await createSession(b.id);
    await callRoute(sessionsAction, await requestAs(a.id, "/account/sessions", { form: { intent: "end-one", sessionId: theirs.session.id } }));
    expect(await validateSessionToken(theirs.token)).not.toBeNull();
  });
});

describe("account page", () => {
  it("changes the name", async () => {
    const user = await createAccount();
    const done = await callRoute(accountAction, await requestAs(user.id, "/account", { form: { intent: "name", name: "  New Name " } }));
    expect(done.body.done).toMatch(/saved/);
    const db = await getDb();
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].name).toBe("New Name");
  });

  it("changes the email only when the link sent to the new address is opened", async () => {
    const user = await createAccount();
    const wrong = await callRoute(accountAction, await requestAs(user.id, "/account", { form: { intent: "email", email: "new@example.test", password: "wrong one here" } }));
    expect(wrong.body.result.error.password[0]).toMatch(/not your current password/);
    const asked = await callRoute(accountAction, await requestAs(user.id, "/account", { form: { intent: "email", email: "New@Example.test", password: testPassword } }));
    expect(asked.body.done).toMatch(/sent a link/);
    expect((await emailsTo(user.email)).map((e) => e.subject)).toContain("A change to your Linkway email address was requested");
    const db = await getDb();
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].email).toBe(user.email);
    const link = await linkFromEmail("new@example.test", "/account/confirm-email/");
    const done = await callRoute(confirmEmailAction, await requestAs(null, link, { form: {} }), { token: tokenOf(link) });
    expect(done.body.done).toBe(true);
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].email).toBe("new@example.test");
  });

  it("changes the password with the current one, signing out other sessions only", async () => {
    const user = await createAccount();
    const here = await createSession(user.id, { twoFactorVerified: true });
    const other = await createSession(user.id, { twoFactorVerified: true });
    const cookie = `linkway_session=${here.token}`;
    const wrong = await callRoute(passwordAction, await withCookie(cookie, "/account/password", { currentPassword: "nope nope nope", newPassword: "lantern pebble orchard" }));
    expect(wrong.body.result.error.currentPassword[0]).toMatch(/not your current password/);
    const common = await callRoute(passwordAction, await withCookie(cookie, "/account/password", { currentPassword: testPassword, newPassword: "iloveyou1234" }));
    expect(common.body.result.error.newPassword[0]).toMatch(/most commonly used/);
    const done = await callRoute(passwordAction, await withCookie(cookie, "/account/password", { currentPassword: testPassword, newPassword: "lantern pebble orchard" }));
    expect(done.body.done).toBe(true);
    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect(await validateSessionToken(other.token)).toBeNull();
    const db = await getDb();
    expect((await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id))).map((r) => r.action)).toContain("password.changed");
  });

  it("sets up two-step sign-in with a QR code and a typed key, then shows 10 recovery codes once", async () => {
    const user = await createAccount();
    await callRoute(twoFactorSetupAction, await requestAs(user.id, "/account/two-factor", { form: { intent: "start" } }));
    const page = await callRoute(twoFactorSetupLoader, await requestAs(user.id, "/account/two-factor"));
    expect(page.body.enabled).toBe(false);
    expect(page.body.pending.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const key = decodeBase32IgnorePadding(page.body.pending.manualKey.replace(/ /g, ""));
    const wrong = await callRoute(twoFactorSetupAction, await requestAs(user.id, "/account/two-factor", { form: { intent: "confirm", code: "123456" } }));
    expect(wrong.body.result.error.code[0]).toMatch(/not right/);
    const done = await callRoute(twoFactorSetupAction, await requestAs(user.id, "/account/two-factor", { form: { intent: "confirm", code: generateTOTP(key, 30, 6) } }));
    expect(done.body.recoveryCodes).toHaveLength(10);
    const after = await callRoute(twoFactorSetupLoader, await requestAs(user.id, "/account/two-factor"));
    expect(after.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: null });
    // Turning it off needs the password.
    const refused = await callRoute(twoFactorSetupAction, await requestAs(user.id, "/account/two-factor", { form: { intent: "disable", password: "not my password" } }));
    expect(refused.body.result.error.password[0]).toMatch(/not your current password/);
    const off = await callRoute(twoFactorSetupAction, await requestAs(user.id, "/account/two-factor", { form: { intent: "disable", password: testPassword } }));
    expect(off.body.done).toMatch(/now off/);
    const db = await getDb();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["two_factor.enabled", "two_factor.disabled"]));
  });

  it("deletes the account, keeping audit rows as 'deleted user'; refused for an only owner", async () => {
    const org = await createOrganisation({ name: "Solo Club" });
    const owner = await createAccount({ name: "Sole Owner" });
    await addMember(org.id, owner.id, "owner");
    const refused = await callRoute(deleteAction, await requestAs(owner.id, "/account/delete", { form: { password: testPassword, confirm: "on" } }));
    expect(refused.body.result.error[""][0]).toMatch(/only owner of Solo Club.*someone else an owner first/);

    const member = await createAccount({ name: "Leaving Person" });
    await addMember(org.id, member.id, "member");
    await callRoute(accountAction, await requestAs(member.id, "/account", { form: { intent: "name", name: "Leaving Person" } }));
    const unticked = await callRoute(deleteAction, await requestAs(member.id, "/account/delete", { form: { password: testPassword } }));
    expect(unticked.body.result.error.confirm[0]).toMatch(/Tick the box/);
    const done = await callRoute(deleteAction, await requestAs(member.id, "/account/delete", { form: { password: testPassword, confirm: "on" } }));
    expect(done.body.deleted).toBe(true);
    expect(done.headers.get("Set-Cookie")).toContain("Max-Age=0");
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.id, member.id))).toHaveLength(0);
    expect(await db.select().from(memberships).where(eq(memberships.userId, member.id))).toHaveLength(0);
    expect(await db.select().from(authSessions).where(eq(authSessions.userId, member.id))).toHaveLength(0);
    const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, member.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["name.changed", "account.deleted"]));
    expect(rows.every((r) => r.actorUserId === null && r.actorLabel === "deleted user")).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(member.email);
  });
});

describe("an organisation that requires two-step sign-in", () => {
  it("sends members without it to set it up on their next request", async () => {
    const org = await createOrganisation();
    const owner = await createAccount();
    const member = await createAccount();
    await addMember(org.id, owner.id, "owner");
    await addMember(org.id, member.id, "member");
    const set = await callRoute(membersAction, await requestAs(owner.id, `/organisations/${org.id}/members`, { form: { intent: "require-two-factor", required: "true" } }), { id: org.id });
    expect(set.body.done).toMatch(/now needs two-step/);
    const blocked = await callRoute(membersLoader, await requestAs(member.id, `/organisations/${org.id}/members`), { id: org.id });
    expect(blocked.status).toBe(302);
    expect(blocked.location).toBe("/account/two-factor?required=1");
    await expect(requireUser(await requestAs(member.id, "/account/two-factor"))).resolves.toBeTruthy();
    const page = await callRoute(twoFactorSetupLoader, await requestAs(member.id, "/account/two-factor"));
    expect(page.body.requiredBy).toEqual([org.name]);
  });
});
