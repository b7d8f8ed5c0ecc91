import { describe, expect, it } from "vitest";
import { listAuditEntries, recordAudit } from "~/modules/accounts/index.server";
import { loader as auditLoader } from "~/routes/admin.audit/route";
import { createAccount } from "../factories/accounts";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";

describe("audit log", () => {
  it("pages newest first and filters by action, actor and date", async () => {
    const alice = await createAccount({ name: "Alice Audit", email: "alice.audit@example.test" });
    const bob = await createAccount({ name: "Bob Other", email: "bob.other@example.test" });
    for (let i = 0; i < 7; i++) await recordAudit({ action: "sign_in.failed", actorUserId: alice.id, ip: "192.0.2.1" });
    await recordAudit({ action: "password.changed", actorUserId: bob.id, ip: "192.0.2.2" });

    const first = await listAuditEntries({ perPage: 5 });
    expect(first.total).toBe(8);
    expect(first.pages).toBe(2);
    expect(first.rows[0].action).toBe("password.changed");
    const second = await listAuditEntries({ perPage: 5, page: 2 });
    expect(second.rows).toHaveLength(3);

    expect((await listAuditEntries({ action: "password.changed" })).rows.map((r) => r.actorEmail)).toEqual([bob.email]);
    expect((await listAuditEntries({ actor: "alice" })).total).toBe(7);
    expect((await listAuditEntries({ actor: "100%_" })).total).toBe(0);
    expect((await listAuditEntries({ from: new Date(Date.now() + 86_400_000) })).total).toBe(0);
  });

  it("the admin page ignores malformed filters instead of failing", async () => {
    const admin = await createAccount({ isAdmin: true });
    const outcome = await callRoute(auditLoader, await requestAs(admin.id, "/admin/audit?action=drop%20table&from=yesterday&page=-3"));
    expect(outcome.status).toBe(200);
    expect(outcome.body.filter).toEqual({ action: "", actor: "", from: "", to: "" });
  });
});
