import { describe, expect, it } from "vitest";
import { isFollowUpDue } from "./follow-up-rules";

describe("follow-up trigger", () => {
  const now = new Date("2027-01-20T12:00:00Z");
  const base = { status: "attending" as const, attendedCount: 1, firstAttendedAt: new Date("2027-01-01T10:00:00Z"), followUpSentAt: null };
  it("is due after the fourth attended session", () => {
    expect(isFollowUpDue({ ...base, attendedCount: 3 }, now)).toBe(false);
    expect(isFollowUpDue({ ...base, attendedCount: 4 }, now)).toBe(true);
  });
  it("is due six weeks after the first attended session", () => {
    expect(isFollowUpDue(base, new Date("2027-02-12T09:59:59Z"))).toBe(false);
    expect(isFollowUpDue(base, new Date("2027-02-12T10:00:00Z"))).toBe(true);
  });
  it("is sent once, and never before anyone attended or after a withdrawal", () => {
    expect(isFollowUpDue({ ...base, attendedCount: 6, followUpSentAt: now }, now)).toBe(false);
    expect(isFollowUpDue({ ...base, attendedCount: 0, firstAttendedAt: null }, new Date("2030-01-01"))).toBe(false);
    expect(isFollowUpDue({ ...base, attendedCount: 5, status: "withdrawn" }, now)).toBe(false);
    expect(isFollowUpDue({ ...base, attendedCount: 5, status: "completed" }, now)).toBe(true);
  });
  it("counts connection actions as well as sessions", () => {
    const noSessions = { ...base, attendedCount: 0, firstAttendedAt: null, status: "accepted" as const };
    expect(isFollowUpDue({ ...noSessions, actionsDone: 11, firstActionDoneAt: new Date("2027-01-10T00:00:00Z") }, now)).toBe(false);
    expect(isFollowUpDue({ ...noSessions, actionsDone: 12, firstActionDoneAt: new Date("2027-01-10T00:00:00Z") }, now)).toBe(true);
    expect(isFollowUpDue({ ...noSessions, actionsDone: 2, firstActionDoneAt: new Date("2026-12-01T00:00:00Z") }, now)).toBe(true);
  });
});
