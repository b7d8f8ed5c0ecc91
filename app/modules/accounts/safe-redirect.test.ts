/** Only same-site paths are followed after sign-in; the table holds known open-redirect bypasses. */
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./schemas";

const refused = [
  "//evil.test",
  "///evil.test",
  "/\\evil.test",
  "/\\/evil.test",
  "\\\\evil.test",
  "/\t/evil.test",
  "/\t\t/evil.test",
  "/\n/evil.test",
  "/\r\n/evil.test",
  "/\x00/evil.test",
  "/\x1f/evil.test",
  "/\x7f/evil.test",
  " //evil.test",
  "/ /evil.test",
  "\t//evil.test",
  "https://evil.test",
  "http:evil.test",
  "//evil.test/%2f..",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.test",
  "",
  "/\u2028/evil.test",
  "/\u00a0/evil.test",
  "/\u3000/evil.test",
];

const allowed: Array<[string, string]> = [
  ["/referrals", "/referrals"],
  ["/referrals/abc?tab=timeline#events", "/referrals/abc?tab=timeline#events"],
  ["/search?q=walking%20group", "/search?q=walking%20group"],
  ["/%09/evil.test", "/%09/evil.test"],
  ["/%2F%2Fevil.test", "/%2F%2Fevil.test"],
  ["/caf\u00e9", "/caf%C3%A9"],
  ["/a/../b", "/b"],
];

describe("safeRedirect", () => {
  it.each(refused)("refuses %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it.each(allowed)("keeps the same-site path %j", (to, expected) => {
    expect(safeRedirect(to, "/fallback")).toBe(expected);
  });

  it("always answers something a Location header can carry and a browser resolves to this site", () => {
    for (const to of [...refused, ...allowed.map(([a]) => a)]) {
      const result = safeRedirect(to, "/fallback");
      expect(result).toMatch(/^\/[\x21-\x7e]*$/);
      expect(result.startsWith("//")).toBe(false);
      expect(new URL(result, "https://linkway.example").origin).toBe("https://linkway.example");
      expect(() => new Headers({ Location: result })).not.toThrow();
    }
  });
});
