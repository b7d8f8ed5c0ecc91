import { describe, expect, it } from "vitest";
import { generateSecureRandomString, hashSecret, newToken, secretMatches, splitToken } from "./secure-token.server";

describe("secure tokens", () => {
  it("carries at least 120 bits in the secret and never repeats", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { secret, token, id } = newToken();
      expect(secret.length * 5).toBeGreaterThanOrEqual(120);
      expect(token).toBe(`${id}.${secret}`);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
    expect(generateSecureRandomString(50)).toMatch(/^[a-km-z2-9]{10}$/);
  });

  it("stores only a SHA-256 of the secret and compares it in constant time", () => {
    const { secret, secretHash } = newToken();
    expect(secretHash).toHaveLength(32);
    expect(Buffer.from(secretHash).toString()).not.toContain(secret);
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(`${secret}x`, secretHash)).toBe(false);
    expect(secretMatches("", secretHash)).toBe(false);
    expect(hashSecret("a")).not.toEqual(hashSecret("b"));
  });

  it("splits only well-formed tokens", () => {
    expect(splitToken("abc.def")).toEqual({ id: "abc", secret: "def" });
    for (const bad of ["", "abc", "abc.", ".def", "a.b.c", `${"a".repeat(65)}.b`, `a.${"b".repeat(129)}`]) {
      expect(splitToken(bad), bad).toBeNull();
    }
  });
});
