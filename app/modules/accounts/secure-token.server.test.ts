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

  it("uses every character about equally, across many refills of its random bytes", () => {
    // 1,000 tokens draw ~40,000 random bytes, ten refills of the pool; a byte handed out twice, or a wiped one,
    // would show as repeats or as too many of the alphabet's first letter.
    const counts = new Map<string, number>();
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const { token } = newToken();
      tokens.add(token);
      for (const c of token.replace(".", "")) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(tokens.size).toBe(1000);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(counts.size).toBe(32);
    for (const [c, n] of counts) expect(Math.abs(n / (total / 32) - 1), c).toBeLessThan(0.2);
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
