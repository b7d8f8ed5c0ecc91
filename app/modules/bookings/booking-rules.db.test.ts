/**
 * The booking rules that exist twice, in TypeScript for one row and in SQL for
 * queries, give the same answer on every case.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "#db/client";
import { isLiveBooking, liveBookingSql, type BookingStatus } from "./booking";
import { attendedSql, effectiveAttendance, effectiveAttendanceSql, noShowSql, type OrganiserMark, type SelfReport } from "./effective-attendance";

const marks: OrganiserMark[] = ["unmarked", "attended", "no_show"];
const reports: (SelfReport | null)[] = [null, "went", "missed"];
const statuses: BookingStatus[] = ["booked", "waitlisted", "offered", "cancelled"];

describe("did they go? (effectiveAttendance and effectiveAttendanceSql)", () => {
  const cases = marks.flatMap((attendance) => reports.map((selfReported) => ({ attendance, selfReported })));

  it("agree on every organiser mark and self-report", async () => {
    const db = await getDb();
    for (const c of cases) {
      const [row] = await queryRows<{ mark: string | null }>(
        db,
        sql`select ${effectiveAttendanceSql("b")} as mark from (values (${c.attendance}::text, ${c.selfReported}::text)) as b(attendance, self_reported)`,
      );
      expect(row.mark, JSON.stringify(c)).toBe(effectiveAttendance(c));
      const [counted] = await queryRows<{ attended: boolean; no_show: boolean }>(
        db,
        sql`select ${sql.raw(attendedSql("b"))} as attended, ${sql.raw(noShowSql("b"))} as no_show
            from (values (${c.attendance}::text, ${c.selfReported}::text)) as b(attendance, self_reported)`,
      );
      expect(counted, JSON.stringify(c)).toEqual({ attended: effectiveAttendance(c) === "attended", no_show: effectiveAttendance(c) === "no_show" });
    }
  });

  it("lets the organiser's mark win and counts the person's word only while unmarked", () => {
    expect(effectiveAttendance({ attendance: "no_show", selfReported: "went" })).toBe("no_show");
    expect(effectiveAttendance({ attendance: "unmarked", selfReported: "went" })).toBe("attended");
    expect(effectiveAttendance({ attendance: "unmarked", selfReported: null })).toBeNull();
  });
});

describe("live bookings (isLiveBooking and liveBookingSql)", () => {
  it("agree on every status: all but cancelled are live", async () => {
    const db = await getDb();
    for (const status of statuses) {
      const [row] = await queryRows<{ live: boolean }>(db, sql`select ${liveBookingSql(sql`b.status`)} as live from (values (${status}::text)) as b(status)`);
      expect(row.live, status).toBe(isLiveBooking({ status }));
    }
    expect(statuses.filter((status) => isLiveBooking({ status }))).toEqual(["booked", "waitlisted", "offered"]);
  });
});
