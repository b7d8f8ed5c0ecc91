import { describe, expect, it } from "vitest";
import { formatUkMobile, normaliseUkMobile } from "./contact";

describe("UK mobile numbers", () => {
  it.each([
    ["07700 900123", "+447700900123"],
    ["07700900123", "+447700900123"],
    ["+44 7700 900123", "+447700900123"],
    ["+44 (0)7700-900123", "+447700900123"],
    ["0044 7700 900 123", "+447700900123"],
    ["07624 123456", "+447624123456"],
  ])("normalises %s", (input, output) => {
    expect(normaliseUkMobile(input)).toBe(output);
  });

  it.each(["0113 496 0000", "01632 960123", "0770090012", "077009001234", "+33 6 12 34 56 78", "07000 123456", "07600 123456", "call me", "", "+4477009001"])(
    "refuses %s",
    (input) => {
      expect(normaliseUkMobile(input)).toBeNull();
    },
  );

  it("formats the stored number the way people write it", () => {
    expect(formatUkMobile("+447700900123")).toBe("07700 900123");
  });
});
