import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("uses argon2id with at least 19 MiB and 2 iterations, salted", async () => {
    const hash = await hashPassword("green kettle harbour");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(hash)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(await hashPassword("green kettle harbour")).not.toBe(hash);
  });

  it("verifies the right password only, and never throws on a bad hash", async () => {
    const hash = await hashPassword("green kettle harbour");
    expect(await verifyPassword(hash, "green kettle harbour")).toBe(true);
    expect(await verifyPassword(hash, "Green kettle harbour")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});
