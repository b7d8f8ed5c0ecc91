import { isValid, toNormalised, validOutcode } from "postcode";

/** What someone typed, sorted into the three shapes the providers understand. */
export type PlaceQuery =
  | { kind: "postcode"; postcode: string; outcode: string; area: string }
  /** A district ("LS6"), or a sector ("LS6 1", kept as `sector`): providers answer for the district. */
  | { kind: "outcode"; outcode: string; area: string; sector?: string }
  | { kind: "name"; text: string };

// Longer input is not a place name; refusing it early keeps lookups cheap.
const maxQueryLength = 100;

export function isUkPostcode(text: string): boolean {
  return isValid(text.trim());
}

/** "ls63ab" → "LS6 3AB"; null when the text is not shaped like a full postcode. */
export function normalisePostcode(text: string): string | null {
  return toNormalised(text.trim());
}

/** "ls6" → "LS6"; null when the text is not shaped like an outward code. */
export function normaliseOutcode(text: string): string | null {
  const compact = text.replace(/\s+/g, "").toUpperCase();
  return validOutcode(compact) ? compact : null;
}

function areaOf(outcode: string): string {
  return /^[A-Z]+/.exec(outcode)![0];
}

export function parsePlaceQuery(input: string): PlaceQuery | null {
  const text = input.trim().replace(/\s+/g, " ");
  if (text.length === 0 || text.length > maxQueryLength) return null;

  const postcode = normalisePostcode(text);
  if (postcode) {
    const outcode = postcode.split(" ")[0];
    return { kind: "postcode", postcode, outcode, area: areaOf(outcode) };
  }
  // A space before one last digit is a sector ("LS6 1"), not a longer district ("LS61").
  const sector = /^([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ([0-9])$/.exec(text);
  const sectorOutcode = sector && normaliseOutcode(sector[1]);
  if (sectorOutcode) return { kind: "outcode", outcode: sectorOutcode, area: areaOf(sectorOutcode), sector: `${sectorOutcode} ${sector![2]}` };
  const outcode = normaliseOutcode(text);
  if (outcode) return { kind: "outcode", outcode, area: areaOf(outcode) };
  // "Leeds LS6", "Headingley, LS6 3AB": the postcode says more than the name beside it.
  const words = text.split(/[\s,]+/);
  for (const take of [2, 1]) {
    if (words.length <= take) continue;
    const tail = parsePlaceQuery(words.slice(-take).join(" "));
    if (tail && tail.kind !== "name") return tail;
  }
  return /\p{L}/u.test(text) ? { kind: "name", text } : null;
}

/**
 * The form names are compared in: case, accents, punctuation and
 * "Saint"/"St" differences vanish, so "St. Albans", "saint albans" and
 * "St Albans" meet, as do "Bo'ness" and "Bo’ness".
 */
export function placeNameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’.]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/\bsaint\b/g, "st");
}
