import { describe, expect, it } from "vitest";
import { haversineKm } from "./geo";
import { chordForSurfaceMetres, describeSlots, earthBoxRadiusFor, slotBit, slotMask, surfaceKmForChord } from "./types";

describe("session slots", () => {
  it("matches the bit layout of migration search-session-summary", () => {
    expect(slotBit("mon", "morning")).toBe(1);
    expect(slotBit("mon", "evening")).toBe(4);
    expect(slotBit("tue", "morning")).toBe(8);
    expect(slotBit("sun", "evening")).toBe(1 << 20);
  });

  it("turns day and time filters into one mask", () => {
    expect(slotMask([], undefined)).toBe(0);
    expect(slotMask(["mon"], undefined)).toBe(0b111);
    expect(slotMask([], "morning")).toBe([0, 3, 6, 9, 12, 15, 18].reduce((m, b) => m | (1 << b), 0));
    expect(slotMask(["tue", "sat"], "evening")).toBe(slotBit("tue", "evening") | slotBit("sat", "evening"));
  });

  it("names days and slots", () => {
    expect(describeSlots(slotBit("wed", "afternoon") | slotBit("wed", "evening") | slotBit("fri", "morning"))).toEqual({
      days: ["wed", "fri"],
      slots: ["wed_afternoon", "wed_evening", "fri_morning"],
    });
  });
});

describe("distances", () => {
  it("agree with haversine both ways", () => {
    for (const m of [10, 1000, 5000, 25000, 300000]) {
      expect(surfaceKmForChord(chordForSurfaceMetres(m))).toBeCloseTo(m / 1000, 9);
    }
    const a = { lat: 53.8, lng: -1.55 };
    const b = { lat: 53.83, lng: -1.5 };
    expect(haversineKm(a, b)).toBeGreaterThan(4);
    expect(earthBoxRadiusFor(5000)).toBeGreaterThan(5000);
  });
});
