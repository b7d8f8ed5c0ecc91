import { describe, expect, it } from "vitest";
import { buildVtimezone, findTransitions } from "./vtimezone";

describe("VTIMEZONE from Intl", () => {
  it("finds the UK's clock changes to the minute", () => {
    const changes = findTransitions("Europe/London", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(changes).toEqual([
      { at: new Date("2026-03-29T01:00:00Z"), offsetFrom: 0, offsetTo: 60 },
      { at: new Date("2026-10-25T01:00:00Z"), offsetFrom: 60, offsetTo: 0 },
    ]);
  });

  it("writes onsets in the local time before each change, with GMT and BST", () => {
    const text = buildVtimezone("Europe/London", { from: new Date("2026-11-01Z"), to: new Date("2027-02-01Z") });
    expect(text).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT");
    expect(text).toContain("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD");
    expect(text.startsWith("BEGIN:VTIMEZONE\r\nTZID:Europe/London")).toBe(true);
  });

  it("handles zones without clock changes and half-hour offsets", () => {
    expect(findTransitions("UTC", new Date("2026-01-01Z"), new Date("2027-01-01Z"))).toEqual([]);
    expect(buildVtimezone("Asia/Kolkata", { from: new Date("2026-01-01Z"), to: new Date("2026-02-01Z") })).toContain("TZOFFSETTO:+0530");
  });
});
