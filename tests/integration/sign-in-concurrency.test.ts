/** The per-account sign-in limit holds when the wrong passwords arrive all at once. */
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog } from "../../db/schema";
import { signInWithPassword } from "~/modules/accounts/index.server";
import { createAccount, testPassword } from "../factories/accounts";

describe("sign-in limit under concurrency", () => {
  it("checks at most 5 of 40 wrong passwords sent at once, then refuses even the right one", async () => {
    const user = await createAccount({ email: "concurrent@example.test" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInWithPassword({ email: user.email, password: `wrong guess ${i}` }, { ip: `192.0.2.${i}` })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(5);
    const db = await getDb();
    const [checked] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "sign_in.failed"), eq(auditLog.targetId, user.id)));
    expect(checked.n).toBeLessThanOrEqual(5);
    const right = await signInWithPassword({ email: user.email, password: testPassword }, { ip: "192.0.2.200" });
    expect(right.ok).toBe(false);
    // 40 sign-ins against one embedded database on a shared machine: slow, not stuck.
  }, 180_000);
});
