/**
 * Place names come from open data with the attribution on the site (issue 15): a neighbourhood GeoNames lists is
 * placed at GeoNames' point; one it leaves out (Headingley) still resolves, from the project's own centre; and
 * every page's footer credits GeoNames under CC BY 4.0.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { readGreatBritainTowns, resolvePlace } from "~/modules/places/index.server";
import { SiteFooter } from "~/components/layout/site-chrome";

describe("neighbourhood names", () => {
  it("use GeoNames' point where GeoNames lists the neighbourhood", async () => {
    const geonames = readGreatBritainTowns().filter((t) => t.name === "Holbeck" && Math.abs(t.lat - 53.78) < 0.1);
    expect(geonames).toHaveLength(1);
    const place = await resolvePlace("Holbeck, Leeds");
    expect(place).toMatchObject({ label: "Holbeck, Leeds", centre: "Holbeck" });
    expect(place!.lat).toBeCloseTo(geonames[0].lat, 5);
    expect(place!.lng).toBeCloseTo(geonames[0].lng, 5);
  });

  it("still find one GeoNames leaves out, measured from its centre", async () => {
    expect(await resolvePlace("Headingley")).toMatchObject({ label: "Headingley, Leeds", centre: "Headingley" });
    expect(await resolvePlace("Armley")).toMatchObject({ label: "Armley, Leeds", centre: "Armley" });
  });
});

it("the footer credits GeoNames under CC BY 4.0, with links", () => {
  const footer = renderToStaticMarkup(createElement(SiteFooter, {}));
  expect(footer).toContain('contains <a href="https://www.geonames.org/">GeoNames</a> data, licensed under');
  expect(footer).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>');
});
