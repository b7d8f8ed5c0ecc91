import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("configuration", () => {
  it("fills defaults for a fresh clone", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.GEO_BOUNDS).toEqual({ minLng: -8.7, minLat: 49.8, maxLng: 1.8, maxLat: 60.9 });
  });

  it("stops with a message naming each bad variable and what it expects", () => {
    let message = "";
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", TILE_URL: "https://tiles.example.org/a.png" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: expected a port number/);
    expect(message).toMatch(/DATABASE_URL: expected a postgres:\/\/ URL/);
    expect(message).toMatch(/TILE_URL: expected a tile URL template with \{z\}, \{x\} and \{y\}/);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("refuses an inverted area", () => {
    expect(() => parseEnv({ GEO_BOUNDS: "1.8,49.8,-8.7,60.9" })).toThrow(/GEO_BOUNDS: the minimums must be below the maximums/);
  });

  it("reads the period before a stalled referral is closed as stopped going", () => {
    expect(parseEnv({}).DISENGAGE_AFTER_STALL_DAYS).toBe(28);
    expect(parseEnv({ DISENGAGE_AFTER_STALL_DAYS: "42" }).DISENGAGE_AFTER_STALL_DAYS).toBe(42);
    expect(() => parseEnv({ DISENGAGE_AFTER_STALL_DAYS: "a month" })).toThrow(/DISENGAGE_AFTER_STALL_DAYS: expected a whole number/);
    expect(() => parseEnv({ DISENGAGE_AFTER_STALL_DAYS: "0" })).toThrow(/DISENGAGE_AFTER_STALL_DAYS/);
  });
});
