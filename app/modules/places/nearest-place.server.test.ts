import { describe, expect, it } from "vitest";
import { haversineKm } from "./geo-bounds";
import { readGreatBritainTowns } from "./gb-towns.server";
import { nearestDistrict, nearestPlaceName, nearestTown, TOWN_WITHIN_KM } from "./nearest-place.server";

describe("nearestPlaceName", () => {
  it("names a point by its postcode district where we know the district's centre", () => {
    expect(nearestPlaceName({ lat: 53.82, lng: -1.57 })).toBe("LS6"); // between Headingley, Hyde Park and Meanwood
    expect(nearestPlaceName({ lat: 51.46, lng: -2.566 })).toBe("BS5"); // Easton, Bristol
    expect(nearestDistrict({ lat: 53.8, lng: -1.55 })).toMatchObject({ name: "LS11" });
  });

  it("falls back to the nearest town away from known districts, and to coordinates far from any town", () => {
    expect(nearestDistrict({ lat: 53.96, lng: -1.08 })).toBeNull();
    expect(nearestPlaceName({ lat: 53.96, lng: -1.08 })).toBe("York");
    expect(nearestPlaceName({ lat: 55.0, lng: -5.5 })).toBe("55.00, -5.50"); // out in the North Channel
  });

  it("finds the same nearest town as looking at every town", () => {
    const towns = readGreatBritainTowns();
    for (let i = 0; i < 200; i++) {
      const at = { lat: 50 + ((i * 37) % 80) / 10, lng: -5 + ((i * 53) % 65) / 10 };
      let best: { name: string; km: number } | null = null;
      for (const t of towns) {
        const km = haversineKm(at, t);
        if (km <= TOWN_WITHIN_KM && (!best || km < best.km)) best = { name: t.name, km };
      }
      expect(nearestTown(at)?.km ?? null).toBe(best?.km ?? null);
    }
  });
});
