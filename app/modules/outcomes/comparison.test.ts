import { describe, expect, it } from "vitest";
import { compareMeasures, type StoredResponse } from "./comparison";

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
