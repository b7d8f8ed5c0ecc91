import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordProblem } from "./password-policy.server";

describe("password policy", () => {
  it("needs at least 12 characters, counting emoji and accents as one each", () => {
    expect(passwordProblem("short pass1")).toMatch(/at least 12/);
    expect(passwordProblem("ééééé ßßßßß")).toMatch(/at least 12/);
    expect(passwordProblem("green kettle harbour")).toBeNull();
  });

  it("refuses the commonest passwords case-insensitively", () => {
    for (const p of ["password1234", "PASSWORD1234", "Qwertyuiop123", "1q2w3e4r5t6y", "iloveyouiloveyou", "123456789012"]) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(passwordProblem(p), p).toMatch(/most commonly used/);
    }
  });

  it("refuses common words padded with digits and symbols, repeated, or typed along the keyboard", () => {
    for (const p of ["Sunshine2024!!", "!!Monkey123456", "abcabcabcabc", "aaaaaaaaaaaa", "qwertyuiopas", "asdfghjklzxc", "987654321098", "Linkway2026!!"]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("accepts long uncommon passphrases with any characters", () => {
    for (const p of ["correct horse battery", "linkway-demo-2026", "Tea at 4 in the garden 🌻", "mauve-otter-gravel-9"]) {
      expect(isCommonPassword(p), p).toBe(false);
    }
  });

  it("refuses the person's own email or name", () => {
    expect(passwordProblem("samantha.jones99!", { email: "samantha.jones@example.org" })).toMatch(/name or email/);
    expect(passwordProblem("Wolverhampton1!", { name: "Pat Wolverhampton" })).toMatch(/name or email/);
  });
});
