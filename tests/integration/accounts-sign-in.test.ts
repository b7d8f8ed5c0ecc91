import { generateTOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, authSessions } from "../../db/schema";
import { getCurrentUser, getPendingTwoFactor, requireUser, PENDING_TWO_FACTOR_MS, replaceRecoveryCodes } from "~/modules/accounts/index.server";
import { setClockOffset } from "~/utils/clock.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login/route";
import { action as twoFactorAction, loader as twoFactorLoader } from "~/routes/login_.two-factor/route";
import { action as logoutAction } from "~/routes/logout/route";
import { addMember, createOrganisation } from "../factories";
import { createAccount, enableTotp, testPassword } from "../factories/accounts";
import { requestAs } from "../setup/auth";
import { callRoute, cookieFrom } from "../setup/routes";

function signIn(email: string, password: string, extra: Record<string, string> = {}) {
  return requestAs(null, "/login", { form: { email, password, ...extra } }).then((r) => callRoute(loginAction, r));
}

async function auditActionsFor(userId: string) {
  const db = await getDb();
  return (await db.select().from(auditLog).where(eq(auditLog.targetId, userId))).map((r) => r.action);
}

describe("signing in", () => {
  it("signs in with the right password: a new session, a safe cookie and an audit row", async () => {
    const user = await createAccount();
    const outcome = await signIn(user.email, testPassword);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    const setCookie = outcome.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^linkway_session=[a-z0-9]+\.[a-z0-9]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    const second = await signIn(user.email, testPassword);
    expect(cookieFrom(second)).not.toBe(cookieFrom(outcome));
    const db = await getDb();
    const ids = (await db.select().from(authSessions).where(eq(authSessions.userId, user.id))).map((s) => s.id);
    expect(new Set(ids).size).toBe(2);
    const rows = await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(rows.filter((r) => r.action === "sign_in.succeeded")).toHaveLength(2);
  });

  it("gives the same answer for a wrong password and for an unknown email, and logs both", async () => {
    const user = await createAccount();
    const wrong = await signIn(user.email, "not the password at all");
    const unknown = await signIn("nobody-here@example.test", "not the password at all");
    expect(wrong.status).toBe(200);
    expect(wrong.body.error[""]).toEqual(unknown.body.error[""]);
    expect(wrong.body.error[""][0]).toMatch(/do not match an account/);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(await auditActionsFor(user.id)).toContain("sign_in.failed");
  });

  it("refuses the 6th attempt after 5 wrong passwords with the rate-limit message, even when it is right", async () => {
    const user = await createAccount();
    for (let i = 0; i < 5; i++) {
      const outcome = await signIn(user.email, `wrong password number ${i}`);
      expect(outcome.body.error[""][0]).toMatch(/do not match/);
    }
    const sixth = await signIn(user.email, testPassword);
    expect(sixth.status).toBe(200);
    expect(sixth.body.error[""][0]).toMatch(/^Too many attempts\. Try again in 15 minutes\.$/);
    expect(sixth.headers.get("Set-Cookie")).toBeNull();
    const db = await getDb();
    expect(await db.select().from(authSessions).where(eq(authSessions.userId, user.id))).toHaveLength(0);
    expect(await auditActionsFor(user.id)).toContain("sign_in.rate_limited");
  });

  it("limits unknown addresses the same way, so the limit reveals nothing", async () => {
    for (let i = 0; i < 5; i++) await signIn("ghost@example.test", `guess ${i} guess guess`);
    const sixth = await signIn("ghost@example.test", "guess 6 guess guess");
    expect(sixth.body.error[""][0]).toMatch(/Too many attempts/);
  });

  it("sends people to their dashboard, or to the page they asked for (same-site only)", async () => {
    const provider = await createOrganisation({ kind: "provider" });
    const referrer = await createOrganisation({ kind: "referrer" });
    const organiser = await createAccount();
    await addMember(provider.id, organiser.id);
    const linkWorker = await createAccount();
    await addMember(referrer.id, linkWorker.id);
    const admin = await createAccount({ isAdmin: true });
    expect((await signIn(organiser.email, testPassword)).location).toBe("/organiser");
    expect((await signIn(linkWorker.email, testPassword)).location).toBe("/referrals");
    expect((await signIn(admin.email, testPassword)).location).toBe("/admin");
    expect((await signIn(admin.email, testPassword, { redirectTo: "/account/sessions" })).location).toBe("/account/sessions");
    expect((await signIn(admin.email, testPassword, { redirectTo: "//evil.example/x" })).location).toBe("/admin");
    expect((await signIn(admin.email, testPassword, { redirectTo: "https://evil.example" })).location).toBe("/admin");
  });

  it("signs out: the session row is gone and the cookie cleared", async () => {
    const user = await createAccount();
    const cookie = cookieFrom(await signIn(user.email, testPassword))!;
    const out = await callRoute(logoutAction, await requestAs(null, "/logout", { form: {}, headers: { Cookie: cookie } }));
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await getCurrentUser(await requestAs(null, "/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  it("signs out everywhere", async () => {
    const user = await createAccount();
    const a = cookieFrom(await signIn(user.email, testPassword))!;
    const b = cookieFrom(await signIn(user.email, testPassword))!;
    await callRoute(logoutAction, await requestAs(null, "/logout", { form: { scope: "everywhere" }, headers: { Cookie: a } }));
    expect(await getCurrentUser(await requestAs(null, "/", { headers: { Cookie: b } }))).toBeNull();
  });
});

describe("two-step sign-in", () => {
  async function passwordStep() {
    const user = await createAccount();
    const key = await enableTotp(user.id);
    const outcome = await signIn(user.email, testPassword, { redirectTo: "/account" });
    expect(outcome.location).toBe("/login/two-factor?redirectTo=%2Faccount");
    return { user, key, cookie: cookieFrom(outcome)! };
  }

  const withCookie = (cookie: string, path: string, form?: Record<string, string>) =>
    requestAs(null, path, { headers: { Cookie: cookie }, ...(form ? { form } : {}) });

  it("treats the session as signed out until the code is given", async () => {
    const { cookie } = await passwordStep();
    expect(await getCurrentUser(await withCookie(cookie, "/account"))).toBeNull();
    await expect(requireUser(await withCookie(cookie, "/account"))).rejects.toMatchObject({ status: 302 });
    expect((await callRoute(twoFactorLoader, await withCookie(cookie, "/login/two-factor"))).status).toBe(200);
  });

  it("accepts the app's current code once, and refuses the same code on the next sign-in", async () => {
    const { user, key, cookie } = await passwordStep();
    const code = generateTOTP(key, 30, 6);
    const ok = await callRoute(twoFactorAction, await withCookie(cookie, "/login/two-factor", { code, redirectTo: "/account" }));
    expect(ok.location).toBe("/account");
    // A new token for the full session; the half-signed-in one is gone.
    const full = cookieFrom(ok)!;
    expect(full).not.toBe(cookie);
    expect(await getCurrentUser(await withCookie(full, "/account"))).not.toBeNull();
    expect(await getCurrentUser(await withCookie(cookie, "/account"))).toBeNull();
    expect(await getPendingTwoFactor(await withCookie(cookie, "/login/two-factor"))).toBeNull();

    const next = cookieFrom(await signIn(user.email, testPassword))!;
    const replay = await callRoute(twoFactorAction, await withCookie(next, "/login/two-factor", { code }));
    expect(replay.location).toBeNull();
    expect(replay.body.error[""][0]).toMatch(/already been used/);
    expect(await getCurrentUser(await withCookie(next, "/account"))).toBeNull();
  });

  it("gives up on a half-finished sign-in after 10 minutes", async () => {
    const { key, cookie } = await passwordStep();
    setClockOffset(PENDING_TWO_FACTOR_MS + 1000);
    try {
      const late = await callRoute(twoFactorAction, await withCookie(cookie, "/login/two-factor", { code: generateTOTP(key, 30, 6) }));
      expect(late.location).toBe("/login");
    } finally {
      setClockOffset(0);
    }
  });

  it("refuses a wrong code and locks after 5 wrong codes", async () => {
    const { cookie, key } = await passwordStep();
    for (let i = 0; i < 5; i++) {
      const wrong = await callRoute(twoFactorAction, await withCookie(cookie, "/login/two-factor", { code: "000000" }));
      expect(wrong.body.error[""][0]).toMatch(/not right/);
    }
    const locked = await callRoute(twoFactorAction, await withCookie(cookie, "/login/two-factor", { code: generateTOTP(key, 30, 6) }));
    expect(locked.body.error[""][0]).toMatch(/Too many attempts/);
    expect(await getCurrentUser(await withCookie(cookie, "/account"))).toBeNull();
  });

  it("accepts each recovery code once", async () => {
    const { user, cookie } = await passwordStep();
    const db = await getDb();
    const codes = await db.transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(codes).toHaveLength(10);
    const used = await callRoute(twoFactorAction, await withCookie(cookie, "/login/two-factor", { code: codes[0].toUpperCase() }));
    expect(used.location).toBe("/");
    const next = cookieFrom(await signIn(user.email, testPassword))!;
    const again = await callRoute(twoFactorAction, await withCookie(next, "/login/two-factor", { code: codes[0] }));
    expect(again.location).toBeNull();
    const other = await callRoute(twoFactorAction, await withCookie(next, "/login/two-factor", { code: codes[1] }));
    expect(other.location).toBe("/");
    expect(await auditActionsFor(user.id)).toContain("two_factor.recovery_code_used");
  });

  it("sends someone without a pending sign-in back to the sign-in page", async () => {
    expect((await callRoute(twoFactorLoader, await requestAs(null, "/login/two-factor"))).location).toBe("/login");
    const user = await createAccount();
    const cookie = cookieFrom(await signIn(user.email, testPassword))!;
    expect((await callRoute(loginLoader, await withCookie(cookie, "/login"))).location).toBe("/");
  });
});
