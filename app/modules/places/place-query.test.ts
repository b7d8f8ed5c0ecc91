import { describe, expect, it } from "vitest";
import { isUkPostcode, normaliseOutcode, normalisePostcode, parsePlaceQuery, placeNameKey } from "./place-query";

describe("postcodes", () => {
  it("normalises case and spacing", () => {
    expect(normalisePostcode("ls63ab")).toBe("LS6 3AB");
    expect(normalisePostcode("  LS6   3AB ")).toBe("LS6 3AB");
    expect(normalisePostcode("ec1a1bb")).toBe("EC1A 1BB");
  });

  it("refuses text that is not shaped like a postcode", () => {
    expect(normalisePostcode("Leeds")).toBeNull();
    expect(normalisePostcode("LS6")).toBeNull();
    expect(isUkPostcode("12345")).toBe(false);
  });

  it("checks shape only: ZZ99 9ZZ looks like a postcode though no area ZZ exists", () => {
    expect(isUkPostcode("ZZ99 9ZZ")).toBe(true);
    expect(isUkPostcode(" w1a 0ax ")).toBe(true);
  });

  it("normalises bare outcodes", () => {
    expect(normaliseOutcode("ls6")).toBe("LS6");
    expect(normaliseOutcode("sw1a")).toBe("SW1A");
    expect(normaliseOutcode("Leeds")).toBeNull();
  });
});

describe("parsePlaceQuery", () => {
  it("sorts input into postcode, outcode and name", () => {
    expect(parsePlaceQuery("ls6 3ab")).toEqual({ kind: "postcode", postcode: "LS6 3AB", outcode: "LS6", area: "LS" });
    expect(parsePlaceQuery("EC1A 1BB")).toMatchObject({ outcode: "EC1A", area: "EC" });
    expect(parsePlaceQuery("ls6")).toEqual({ kind: "outcode", outcode: "LS6", area: "LS" });
    expect(parsePlaceQuery(" Leeds ")).toEqual({ kind: "name", text: "Leeds" });
  });

  it("gives nothing for blank, letterless or overlong input", () => {
    expect(parsePlaceQuery("   ")).toBeNull();
    expect(parsePlaceQuery("12345")).toBeNull();
    expect(parsePlaceQuery("a".repeat(101))).toBeNull();
  });
});

describe("placeNameKey", () => {
  it("ignores case, accents, punctuation and Saint/St", () => {
    expect(placeNameKey("St. Albans")).toBe(placeNameKey("saint albans"));
    expect(placeNameKey("Bo’ness")).toBe(placeNameKey("Bo'ness"));
    expect(placeNameKey("Stoke-on-Trent")).toBe(placeNameKey("stoke on trent"));
    expect(placeNameKey("Ystradgynlais")).toBe("ystradgynlais");
    expect(placeNameKey("Llanfair Pwllgwyngyll")).toBe(placeNameKey("LLANFAIR  pwllgwyngyll"));
    expect(placeNameKey("Brighton & Hove")).toBe(placeNameKey("Brighton and Hove"));
    expect(placeNameKey("Château")).toBe("chateau");
  });
});

describe("partial postcodes and a name with a postcode (issue 15)", () => {
  it("reads a sector as its district, keeping the sector", () => {
    expect(parsePlaceQuery("M15 5")).toEqual({ kind: "outcode", outcode: "M15", area: "M", sector: "M15 5" });
    expect(parsePlaceQuery("ls6 1")).toEqual({ kind: "outcode", outcode: "LS6", area: "LS", sector: "LS6 1" });
  });

  it("lets the postcode beside a name decide: 'Leeds LS6', 'Headingley, LS6 3AB'", () => {
    expect(parsePlaceQuery("Leeds LS6")).toEqual({ kind: "outcode", outcode: "LS6", area: "LS" });
    expect(parsePlaceQuery("Headingley, LS6 3AB")).toEqual({ kind: "postcode", postcode: "LS6 3AB", outcode: "LS6", area: "LS" });
    expect(parsePlaceQuery("Leeds")).toEqual({ kind: "name", text: "Leeds" });
  });
});
