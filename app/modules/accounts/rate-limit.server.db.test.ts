import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { rateLimits } from "#db/schema";
import { clearRateLimit, hitRateLimit, peekRateLimit, pruneRateLimits, tooManyAttemptsMessage } from "./rate-limit.server";
import { HOUR_MS, MINUTE_MS } from "~/utils/time";

const rule = { name: "test", limit: 3, windowMs: 10 * MINUTE_MS };
const t0 = new Date("2026-03-01T12:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("rate limits", () => {
  it("allows `limit` attempts in a window, then refuses with the time left", async () => {
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(rule, "a@example.org", { now: later(i * 1000) })).allowed).toBe(true);
    const refused = await hitRateLimit(rule, "a@example.org", { now: later(60_000) });
    expect(refused).toEqual({ allowed: false, retryAfterMs: 9 * MINUTE_MS });
    expect((await peekRateLimit(rule, "a@example.org", { now: later(60_000) })).allowed).toBe(false);
  });

  it("keeps subjects apart, compares them case-insensitively and stores no email", async () => {
    for (let i = 0; i < 3; i++) await hitRateLimit(rule, "B@Example.org", { now: t0 });
    expect((await peekRateLimit(rule, "b@example.org", { now: t0 })).allowed).toBe(false);
    expect((await peekRateLimit(rule, "c@example.org", { now: t0 })).allowed).toBe(true);
    const db = await getDb();
    const keys = (await db.select().from(rateLimits)).map((r) => r.key).join(" ");
    expect(keys).not.toContain("example");
  });

  it("starts a new window once the old one has passed, and can be cleared", async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(rule, "d", { now: t0 });
    expect((await hitRateLimit(rule, "d", { now: later(10 * MINUTE_MS) })).allowed).toBe(true);
    for (let i = 0; i < 4; i++) await hitRateLimit(rule, "e", { now: t0 });
    await clearRateLimit(rule, "e");
    expect((await peekRateLimit(rule, "e", { now: t0 })).allowed).toBe(true);
  });

  it("words the message in whole minutes, or whole hours when long", () => {
    expect(tooManyAttemptsMessage(14 * MINUTE_MS + 1)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttemptsMessage(5_000)).toBe("Too many attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(120 * MINUTE_MS)).toBe("Too many attempts. Try again in 120 minutes.");
    expect(tooManyAttemptsMessage(22 * HOUR_MS + 1)).toBe("Too many attempts. Try again in 23 hours.");
  });

  it("prunes counters older than the longest window", async () => {
    await hitRateLimit(rule, "old", { now: new Date("2020-01-01T00:00:00Z") });
    expect(await pruneRateLimits(t0)).toBeGreaterThanOrEqual(1);
  });
});
