import { describe, expect, it } from "vitest";
import { isLonely, ons4AnswersSchema, ons4Band, ucla3AnswersSchema, ucla3Score } from "./instruments";

describe("ONS4 bands", () => {
  it("uses the ONS thresholds for life satisfaction, worthwhile and happiness", () => {
    const bands = [0, 4, 5, 6, 7, 8, 9, 10].map((n) => ons4Band("life_satisfaction", n));
    expect(bands).toEqual(["low", "low", "medium", "medium", "high", "high", "very_high", "very_high"]);
    expect(ons4Band("worthwhile", 6)).toBe("medium");
    expect(ons4Band("happiness", 9)).toBe("very_high");
  });
  it("reads anxiety the other way round", () => {
    const bands = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => ons4Band("anxiety", n));
    expect(bands).toEqual(["very_low", "very_low", "low", "low", "medium", "medium", "high", "high"]);
  });
  it("refuses answers outside 0–10 or not whole", () => {
    const ok = { life_satisfaction: 0, worthwhile: 10, happiness: 5, anxiety: 3 };
    expect(ons4AnswersSchema.safeParse(ok).success).toBe(true);
    expect(ons4AnswersSchema.safeParse({ ...ok, happiness: 11 }).success).toBe(false);
    expect(ons4AnswersSchema.safeParse({ ...ok, anxiety: -1 }).success).toBe(false);
    expect(ons4AnswersSchema.safeParse({ ...ok, worthwhile: 6.5 }).success).toBe(false);
  });
});

describe("UCLA-3 total", () => {
  it("adds three answers into a total from 3 to 9", () => {
    expect(ucla3Score({ lack_companionship: 1, left_out: 1, isolated: 1 })).toBe(3);
    expect(ucla3Score({ lack_companionship: 3, left_out: 3, isolated: 3 })).toBe(9);
    expect(ucla3Score({ lack_companionship: 2, left_out: 1, isolated: 3 })).toBe(6);
  });
  it("reads 6 or more as lonely", () => {
    expect(isLonely(5)).toBe(false);
    expect(isLonely(6)).toBe(true);
  });
  it("refuses answers outside 1–3", () => {
    expect(ucla3AnswersSchema.safeParse({ lack_companionship: 0, left_out: 1, isolated: 1 }).success).toBe(false);
    expect(ucla3AnswersSchema.safeParse({ lack_companionship: 4, left_out: 1, isolated: 1 }).success).toBe(false);
  });
});
