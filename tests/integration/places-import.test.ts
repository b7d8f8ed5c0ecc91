/**
 * npm run places:import (issue 15): a national postcode file (ONSPD or Code-Point Open) loaded into the database
 * makes full postcodes resolve exactly, skips terminated and unreadable rows, and can be loaded again safely.
 */
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { postcodes } from "../../db/schema";
import { haversineKm } from "~/modules/places/index";
import { importPostcodes, postcodeCredits, resetPostcodeCreditsForTests, resolvePlace } from "~/modules/places/index.server";
import { parseSearchParams, searchActivities } from "~/modules/activities/index.server";
import { SiteFooter } from "~/components/layout/site-chrome";
import { loader as rootLoader } from "~/root";
import { callRoute } from "../setup/routes";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/postcodes/${name}`, import.meta.url));
const now = new Date("2026-12-04T12:00:00Z");

async function stored(): Promise<Map<string, { lat: number; lng: number; source: string }>> {
  const db = await getDb();
  const rows = await db.select().from(postcodes);
  return new Map(rows.map((r) => [r.postcode, { lat: r.lat, lng: r.lng, source: r.source }]));
}

beforeEach(async () => {
  const db = await getDb();
  await db.execute(sql`truncate postcodes, postcode_imports`);
  resetPostcodeCreditsForTests();
  delete process.env.POSTCODES_FILE;
  delete process.env.GEOCODER_URL;
});

describe("places:import with the ONS Postcode Directory", () => {
  it("loads live postcodes, skips the terminated one and counts the unreadable ones", async () => {
    const summary = await importPostcodes({ file: fixture("onspd-sample.csv"), now });
    expect(summary).toMatchObject({ source: "onspd", rows: 12, imported: 9, terminated: 1, bad: 2, badLines: [12, 13] });
    const rows = await stored();
    expect(rows.size).toBe(9);
    expect(rows.get("LS6 1AA")).toEqual({ lat: 53.816942, lng: -1.566691, source: "onspd" });
    expect(rows.has("LS1 9ZZ")).toBe(false);
    expect(rows.has("LS6 2ZZ")).toBe(false);
  });

  it("resolves a full postcode from the file exactly, so search measures from it and not from the district's centre", async () => {
    const before = await resolvePlace("LS6 1AA");
    expect(before?.centre).toBeTruthy();
    expect(before?.kind).not.toBe("postcode");

    await importPostcodes({ file: fixture("onspd-sample.csv"), now });
    expect(await resolvePlace("ls61aa")).toEqual({ label: "LS6 1AA", lat: 53.816942, lng: -1.566691, kind: "postcode", precision_km: 0.1 });

    const parsed = parseSearchParams(new URLSearchParams("near=LS6 1AA&radius_km=5"));
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await searchActivities(parsed.params, { log: false });
    if (!result.ok) throw new Error(result.error);
    expect(result.place).toMatchObject({ label: "LS6 1AA", lat: 53.816942, lng: -1.566691, approximate: false });
    expect(result.place?.centre).toBeUndefined();

    // A postcode the file does not hold still falls back to its district, and says so.
    expect((await resolvePlace("LS6 9XX"))?.centre).toBeTruthy();
  });

  it("is idempotent: importing the same file again leaves the same rows", async () => {
    await importPostcodes({ file: fixture("onspd-sample.csv"), now });
    const first = await stored();
    const again = await importPostcodes({ file: fixture("onspd-sample.csv"), now: new Date(now.getTime() + 60_000) });
    expect(again.imported).toBe(9);
    expect(await stored()).toEqual(first);
  });

  it("credits the ONS on the site footer once loaded, and not before", async () => {
    expect(await postcodeCredits()).toEqual([]);
    expect(renderToStaticMarkup(createElement(SiteFooter, { postcodeCredits: await postcodeCredits() }))).not.toContain("Office for National Statistics");
    await importPostcodes({ file: fixture("onspd-sample.csv"), now });
    resetPostcodeCreditsForTests();
    const footer = renderToStaticMarkup(createElement(SiteFooter, { postcodeCredits: await postcodeCredits() }));
    expect(footer).toContain("Office for National Statistics licensed under the Open Government Licence");
    // Every page's footer gets it from the root loader.
    const page = await callRoute(rootLoader, new Request("http://localhost:3000/"));
    expect(page.body.postcodeCredits).toEqual([expect.stringContaining("Office for National Statistics")]);
  });
});

describe("places:import with OS Code-Point Open", () => {
  it("converts British National Grid eastings and northings to latitude and longitude", async () => {
    const summary = await importPostcodes({ file: fixture("codepoint-sample.csv"), now });
    expect(summary).toMatchObject({ source: "codepoint", rows: 13, imported: 10, terminated: 0, bad: 3, badLines: [11, 12, 13] });
    const rows = await stored();
    // "LS63AB" and "LS1  1UR" are written differently in the file but stored the way people type them.
    expect([...rows.keys()]).toEqual(expect.arrayContaining(["LS6 3AB", "LS1 1UR", "NR30 5ZZ"]));
    // The Ordnance Survey's worked example (Caister water tower, TG 51409 13177) is at 52.6580 N, 1.7161 E in WGS84.
    const caister = rows.get("NR30 5ZZ")!;
    expect(haversineKm(caister, { lat: 52.658008, lng: 1.716074 })).toBeLessThan(0.015);
    const place = await resolvePlace("LS6 1AA");
    expect(place).toMatchObject({ label: "LS6 1AA", kind: "postcode" });
    expect(haversineKm(place!, { lat: 53.816942, lng: -1.566691 })).toBeLessThan(0.01);
  });

  it("is idempotent, and a later ONSPD import of the same postcodes updates them in place", async () => {
    await importPostcodes({ file: fixture("codepoint-sample.csv"), now });
    const first = await stored();
    await importPostcodes({ file: fixture("codepoint-sample.csv"), now });
    expect(await stored()).toEqual(first);
    await importPostcodes({ file: fixture("onspd-sample.csv"), now });
    const after = await stored();
    // Every live ONSPD postcode was already there from Code-Point; the terminated LS1 9ZZ is not added.
    expect(after.size).toBe(first.size);
    expect(after.get("LS6 1AA")?.source).toBe("onspd");
  });

  it("refuses a file it does not recognise without writing anything", async () => {
    await expect(importPostcodes({ file: fixture("../../../package.json"), now })).rejects.toThrow(/Not a postcode file/);
    expect((await stored()).size).toBe(0);
  });
});
