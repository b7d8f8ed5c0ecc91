import { describe, expect, it } from "vitest";
import { haversineKm, isInBounds, ukBounds } from "./geo-bounds";

const leeds = { lat: 53.79648, lng: -1.54785 };
const bristol = { lat: 51.45523, lng: -2.59665 };

describe("isInBounds", () => {
  it("accepts places in the UK and refuses places outside", () => {
    expect(isInBounds(leeds.lat, leeds.lng, ukBounds)).toBe(true);
    expect(isInBounds(60.15339, -1.14427, ukBounds)).toBe(true); // Lerwick
    expect(isInBounds(48.8566, 2.3522, ukBounds)).toBe(false); // Paris
    expect(isInBounds(49.1858, -2.1101, ukBounds)).toBe(false); // Jersey
  });

  it("includes the edges", () => {
    expect(isInBounds(ukBounds.minLat, ukBounds.minLng, ukBounds)).toBe(true);
    expect(isInBounds(ukBounds.maxLat, ukBounds.maxLng, ukBounds)).toBe(true);
  });

  it("does not mistake swapped lat and lng for a UK point", () => {
    expect(isInBounds(leeds.lng, leeds.lat, ukBounds)).toBe(false);
  });
});

describe("haversineKm", () => {
  it("puts Leeds about 273 km from Bristol", () => {
    expect(haversineKm(leeds, bristol)).toBeGreaterThan(268);
    expect(haversineKm(leeds, bristol)).toBeLessThan(278);
  });

  it("is zero for the same point and symmetric", () => {
    expect(haversineKm(leeds, leeds)).toBe(0);
    expect(haversineKm(leeds, bristol)).toBeCloseTo(haversineKm(bristol, leeds), 9);
  });

  it("measures one degree of latitude as about 111 km", () => {
    expect(haversineKm({ lat: 52, lng: 0 }, { lat: 53, lng: 0 })).toBeCloseTo(111.2, 0);
  });
});
