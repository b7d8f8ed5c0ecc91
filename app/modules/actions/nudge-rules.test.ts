import { describe, expect, it } from "vitest";
import { isDigestDay, isNudgeWindow, isQuietHour, readReply, tooManyUnanswered } from "./nudge-rules";

describe("when a nudge may go", () => {
  it("keeps quiet from 9pm to 8am UK time, in summer and winter", () => {
    // 20:30 UTC in July is 21:30 BST: quiet. In January it is 20:30 GMT: not quiet.
    expect(isQuietHour(new Date("2026-07-01T20:30:00Z"))).toBe(true);
    expect(isQuietHour(new Date("2026-01-15T20:30:00Z"))).toBe(false);
    // 07:30 UTC in July is 08:30 BST: awake.
    expect(isQuietHour(new Date("2026-07-01T07:30:00Z"))).toBe(false);
    expect(isQuietHour(new Date("2026-01-15T07:30:00Z"))).toBe(true);
  });

  it("waits for the chosen time of day, on the morning the clocks change too", () => {
    // 29 March 2026, clocks forward at 01:00 GMT: 08:30 UTC is 09:30 BST.
    expect(isNudgeWindow(new Date("2026-03-29T08:30:00Z"), "morning")).toBe(true);
    expect(isNudgeWindow(new Date("2026-03-28T08:30:00Z"), "morning")).toBe(false);
    expect(isNudgeWindow(new Date("2026-10-25T08:30:00Z"), "morning")).toBe(false);
    expect(isNudgeWindow(new Date("2026-10-25T09:00:00Z"), "morning")).toBe(true);
    expect(isNudgeWindow(new Date("2026-01-15T13:59:00Z"), "afternoon")).toBe(false);
    expect(isNudgeWindow(new Date("2026-01-15T14:00:00Z"), "afternoon")).toBe(true);
    // An evening nudge not sent by 9pm waits for the next day.
    expect(isNudgeWindow(new Date("2026-01-15T21:05:00Z"), "evening")).toBe(false);
  });

  it("sends the weekly summary on Mondays", () => {
    expect(isDigestDay(new Date("2026-11-02T10:00:00Z"))).toBe(true);
    expect(isDigestDay(new Date("2026-11-03T10:00:00Z"))).toBe(false);
    // 23:30 UTC on Sunday 5 July is 00:30 BST on Monday.
    expect(isDigestDay(new Date("2026-07-05T23:30:00Z"))).toBe(true);
  });

  it("stops after three unanswered in a row, not three in all", () => {
    const no = { answeredAt: null };
    const yes = { answeredAt: new Date() };
    expect(tooManyUnanswered([no, no, no])).toBe(true);
    expect(tooManyUnanswered([no, no, yes, no])).toBe(false);
    expect(tooManyUnanswered([no, no])).toBe(false);
  });
});

describe("text replies", () => {
  it("reads STOP, yes and no the ways people type them", () => {
    expect(readReply("stop")).toBe("stop");
    expect(readReply(" STOP. ")).toBe("stop");
    expect(readReply("Unsubscribe")).toBe("stop");
    expect(readReply("yes")).toBe("done");
    expect(readReply("Y")).toBe("done");
    expect(readReply("no")).toBe("not_this_time");
    expect(readReply("Not today")).toBe("not_this_time");
    expect(readReply("Who is this?")).toBeNull();
  });
});
