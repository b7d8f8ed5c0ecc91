import { describe, expect, it } from "vitest";
import { formatUkMobile, normaliseUkMobile, personRoute } from "./contact";

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

describe("where messages go", () => {
  it("uses email unless the person asked for texts and gave a mobile", () => {
    expect(personRoute({ email: "a@b.org", phone: "+447700900123", preferredContact: "email" })).toEqual({ by: "email", to: "a@b.org" });
    expect(personRoute({ email: "a@b.org", phone: "+447700900123", preferredContact: "phone" })).toEqual({ by: "email", to: "a@b.org" });
    expect(personRoute({ email: "a@b.org", phone: "+447700900123", preferredContact: "sms" })).toEqual({ by: "text", to: "+447700900123" });
    expect(personRoute({ email: "a@b.org", phone: null, preferredContact: "sms" })).toEqual({ by: "email", to: "a@b.org" });
    expect(personRoute({ email: null, phone: "+447700900123", preferredContact: "email" })).toEqual({ by: "text", to: "+447700900123" });
    expect(personRoute({ email: null, phone: null, preferredContact: "email" })).toBeNull();
  });
});
