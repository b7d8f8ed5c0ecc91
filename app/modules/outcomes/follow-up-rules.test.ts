import { describe, expect, it } from "vitest";
import { compareMeasures, type StoredResponse } from "./comparison";
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
});

describe("baseline against follow-up", () => {
  const baseline: StoredResponse[] = [
    { instrument: "ons4" as const, answers: { life_satisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 } },
    { instrument: "ucla3" as const, answers: { lack_companionship: 3, left_out: 2, isolated: 3 } },
  ];
  const followUp: StoredResponse[] = [
    { instrument: "ons4" as const, answers: { life_satisfaction: 7, worthwhile: 5, happiness: 2, anxiety: 3 } },
    { instrument: "ucla3" as const, answers: { lack_companionship: 2, left_out: 1, isolated: 2 } },
  ];
  it("gives the change and whether it is better, with anxiety and loneliness lower-is-better", () => {
    const m = Object.fromEntries(compareMeasures(baseline, followUp).map((x) => [x.key, x]));
    expect(m.life_satisfaction).toMatchObject({ change: 3, direction: "better", baseline: { band: "Low" }, followUp: { band: "High" } });
    expect(m.worthwhile).toMatchObject({ change: 0, direction: "same" });
    expect(m.happiness).toMatchObject({ change: -1, direction: "worse" });
    expect(m.anxiety).toMatchObject({ change: -4, direction: "better", baseline: { band: "High" }, followUp: { band: "Low" } });
    expect(m.loneliness).toMatchObject({ baseline: { value: 8, band: "Lonely" }, followUp: { value: 5, band: "Not lonely" }, change: -3, direction: "better" });
  });
  it("shows what exists when one side is missing", () => {
    const m = compareMeasures([], followUp);
    expect(m[0]).toMatchObject({ baseline: null, followUp: { value: 7 }, change: null, direction: null });
  });
});
