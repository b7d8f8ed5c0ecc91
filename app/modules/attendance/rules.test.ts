import { describe, expect, it } from "vitest";
import { statusAfterAttendance } from "./attending-rules";
import { programmeHasEnded, reachedCompletionSessions } from "./completion-rules";
import { registerLocksAt, registerState } from "./register-window";

describe("register window", () => {
  const session = {
    status: "scheduled" as const,
    startsAt: new Date("2026-11-24T10:00:00Z"),
    endsAt: new Date("2026-11-24T11:30:00Z"),
    registerReopenedUntil: null,
  };
  it("opens at the start and locks 14 days after the end", () => {
    expect(registerState(session, new Date("2026-11-24T09:59:00Z"))).toBe("not_started");
    expect(registerState(session, new Date("2026-11-24T10:00:00Z"))).toBe("open");
    expect(registerLocksAt(session).toISOString()).toBe("2026-12-08T11:30:00.000Z");
    expect(registerState(session, new Date("2026-12-08T11:29:59Z"))).toBe("open");
    expect(registerState(session, new Date("2026-12-08T11:30:00Z"))).toBe("locked");
  });
  it("reopens until an admin's deadline", () => {
    const reopened = { ...session, registerReopenedUntil: new Date("2026-12-20T00:00:00Z") };
    expect(registerState(reopened, new Date("2026-12-19T00:00:00Z"))).toBe("open");
    expect(registerState(reopened, new Date("2026-12-20T00:00:00Z"))).toBe("locked");
  });
  it("is never open for a cancelled session", () => {
    expect(registerState({ ...session, status: "cancelled" }, new Date("2026-11-24T10:30:00Z"))).toBe("cancelled");
  });
});

describe("completion", () => {
  it("completes after the activity's number of sessions", () => {
    expect(reachedCompletionSessions(5, 6)).toBe(false);
    expect(reachedCompletionSessions(6, 6)).toBe(true);
    expect(reachedCompletionSessions(40, null)).toBe(false);
  });
  it("ends a programme with its last session only when every schedule ends", () => {
    const last = new Date("2027-03-26T12:00:00Z");
    expect(programmeHasEnded({ hasOpenEndedSchedule: false, lastSessionEndsAt: last }, new Date("2027-03-27T00:00:00Z"))).toBe(true);
    expect(programmeHasEnded({ hasOpenEndedSchedule: false, lastSessionEndsAt: last }, new Date("2027-03-25T00:00:00Z"))).toBe(false);
    expect(programmeHasEnded({ hasOpenEndedSchedule: true, lastSessionEndsAt: last }, new Date("2028-01-01T00:00:00Z"))).toBe(false);
    expect(programmeHasEnded({ hasOpenEndedSchedule: false, lastSessionEndsAt: null }, new Date())).toBe(false);
  });
});

describe("status from attendance", () => {
  it("moves a booked referral to attending at the first attended session, and back when none is attended", () => {
    expect(statusAfterAttendance("booked", 1)).toBe("attending");
    expect(statusAfterAttendance("booked", 0)).toBeNull();
    expect(statusAfterAttendance("attending", 0)).toBe("booked");
    expect(statusAfterAttendance("attending", 2)).toBeNull();
  });
  it("leaves other statuses alone (a completed or closed referral is not reopened by a mark)", () => {
    for (const status of ["sent", "accepted", "completed", "disengaged", "withdrawn", "expired", "declined"] as const) {
      expect(statusAfterAttendance(status, 0)).toBeNull();
      expect(statusAfterAttendance(status, 3)).toBeNull();
    }
  });
});
