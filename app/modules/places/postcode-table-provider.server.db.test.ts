import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetGazetteerForTests, resolvePlace } from "./gazetteer.server";
import { loadPostcodeTable } from "./postcode-table-provider.server";

let dir: string;

async function writeCsv(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, lines.join("\n") + "\n");
  return file;
}

const rows = [
  "LS6 3AB,53.8200,-1.5800",
  "ls6 3ad,53.8300,-1.5700", // written loosely on purpose
  "LS6 4AA,53.8100,-1.5900",
  "BS1 5TR,51.4500,-2.5900",
  "not a postcode,53.0,-1.0",
  "LS6 9XX,99.999999,0.000000", // ONS's "no grid reference" marker
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "linkway-postcodes-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  delete process.env.GEOCODER_URL;
  resetGazetteerForTests();
});

afterEach(() => {
  delete process.env.POSTCODES_FILE;
  resetGazetteerForTests();
});

describe("resolvePlace with POSTCODES_FILE", () => {
  it("gives a postcode's own point", async () => {
    process.env.POSTCODES_FILE = await writeCsv("plain.csv", rows);
    expect(await resolvePlace("LS6 3AB")).toEqual({
      label: "LS6 3AB",
      lat: 53.82,
      lng: -1.58,
      kind: "postcode",
      precision_km: 0.1,
    });
    expect(await resolvePlace("ls63ad")).toMatchObject({ label: "LS6 3AD", lat: 53.83, lng: -1.57 });
  });

  it("gives an outcode the centroid of its postcodes", async () => {
    process.env.POSTCODES_FILE = await writeCsv("plain.csv", rows);
    const place = await resolvePlace("ls6");
    expect(place).toMatchObject({ label: "LS6", kind: "outcode" });
    expect(place!.lat).toBeCloseTo(53.82, 6);
    expect(place!.lng).toBeCloseTo(-1.58, 6);
    expect(place!.precision_km).toBeGreaterThanOrEqual(0.5);
    expect(place!.precision_km).toBeLessThan(5);
  });

  it("places an unknown postcode at its outcode's centroid rather than the area town", async () => {
    process.env.POSTCODES_FILE = await writeCsv("plain.csv", rows);
    expect(await resolvePlace("LS6 9ZZ")).toMatchObject({ label: "LS6 9ZZ (LS6 area)", kind: "outcode" });
    // Rows with no grid reference are skipped, not placed at 99.99° N.
    expect(await resolvePlace("LS6 9XX")).toMatchObject({ kind: "outcode" });
  });

  it("falls back to the offline data for what the table lacks", async () => {
    process.env.POSTCODES_FILE = await writeCsv("plain.csv", rows);
    expect(await resolvePlace("M1 1AA")).toMatchObject({ label: "M1 1AA (Manchester area)", kind: "postcode_area" });
    expect(await resolvePlace("Leeds")).toMatchObject({ label: "Leeds", kind: "town" });
    expect(await resolvePlace("ZZ99 9ZZ")).toBeNull();
  });

  it("reads the file once", async () => {
    const file = await writeCsv("once.csv", rows);
    process.env.POSTCODES_FILE = file;
    expect(await resolvePlace("BS1 5TR")).toMatchObject({ kind: "postcode" });
    await rm(file);
    expect(await resolvePlace("BS1 5TR")).toMatchObject({ kind: "postcode" });
  });

  it("picks up a change of POSTCODES_FILE", async () => {
    process.env.POSTCODES_FILE = await writeCsv("first.csv", ["LS6 3AB,53.82,-1.58"]);
    expect(await resolvePlace("LS6 3AB")).toMatchObject({ lat: 53.82 });
    process.env.POSTCODES_FILE = await writeCsv("second.csv", ["LS6 3AB,53.9,-1.6"]);
    expect(await resolvePlace("LS6 3AB")).toMatchObject({ lat: 53.9 });
  });

  it("uses the offline data when the file cannot be read", async () => {
    process.env.POSTCODES_FILE = join(dir, "missing.csv");
    expect(await resolvePlace("LS6 3AB")).toMatchObject({ label: "LS6 3AB (Headingley, Leeds)" });
  });
});

describe("loadPostcodeTable", () => {
  it("finds columns by header name in any order, and strips quotes", async () => {
    const file = await writeCsv("header.csv", [
      "id,longitude,postcode,latitude",
      '1,-1.58,"LS6 3AB",53.82',
      "2,-2.59,BS15TR,51.45",
    ]);
    const table = await loadPostcodeTable(file);
    expect(table.size).toBe(2);
    expect(table.get("LS6 3AB")).toEqual({ lat: 53.82, lng: -1.58 });
    expect(table.get("BS1 5TR")).toEqual({ lat: 51.45, lng: -2.59 });
  });

  it("reads Windows line endings and a byte-order mark", async () => {
    const file = join(dir, "excel.csv");
    await writeFile(file, "\uFEFFlng,lat,postcode\r\n-1.58,53.82,LS6 3AB\r\n");
    expect((await loadPostcodeTable(file)).get("LS6 3AB")).toEqual({ lat: 53.82, lng: -1.58 });
  });

  it("skips rows with blank coordinates instead of placing them at 0° N 0° E", async () => {
    const file = await writeCsv("blank.csv", ["LS6 3AB,,", "LS6 3AD, , ", "M1  1AA,53.47,-2.23"]);
    const table = await loadPostcodeTable(file);
    expect(table.get("LS6 3AB")).toBeUndefined();
    expect(table.get("LS6 3AD")).toBeUndefined();
    // ONS's fixed-width "pcd" column pads short outcodes with a second space.
    expect(table.get("M1 1AA")).toEqual({ lat: 53.47, lng: -2.23 });
  });
});
