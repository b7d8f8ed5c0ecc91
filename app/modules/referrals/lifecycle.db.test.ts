/** The closed referral statuses in TypeScript (isFinal) and in SQL (isFinalSql) agree on every status. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "#db/client";
import { closedStatuses, isFinal, isFinalSql, referralStatuses } from "./lifecycle";

describe("closed referrals (isFinal and isFinalSql)", () => {
  it("agree on every status", async () => {
    const db = await getDb();
    for (const status of referralStatuses) {
      const [row] = await queryRows<{ closed: boolean }>(db, sql`select ${isFinalSql(sql`r.status`)} as closed from (values (${status}::text)) as r(status)`);
      expect(row.closed, status).toBe(isFinal(status));
    }
    expect([...closedStatuses].sort()).toEqual(["completed", "declined", "disengaged", "expired", "withdrawn"]);
  });
});
