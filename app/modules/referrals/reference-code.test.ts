import { describe, expect, it } from "vitest";
import { generateReferenceCode, referenceCodePattern } from "./reference-code";

describe("reference codes", () => {
  it("look like K7P-4QX and avoid look-alike characters", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateReferenceCode();
      expect(code).toMatch(referenceCodePattern);
      expect(code).not.toMatch(/[01OILSZB25]/);
    }
  });

  it("rarely repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateReferenceCode));
    expect(codes.size).toBeGreaterThan(1990);
  });
});
