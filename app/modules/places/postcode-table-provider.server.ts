import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { logger } from "~/utils/logger.server";
import type { LatLng } from "./geo-bounds";
import type { PlaceProvider } from "./place";
import { normalisePostcode, parsePlaceQuery } from "./place-query";

/** A unit postcode covers about fifteen addresses: a point is within ~100 m. */
const postcodePrecisionKm = 0.1;
const kmPerDegreeLat = 111.2;

interface OutcodeCentroid extends LatLng {
  precisionKm: number;
}

interface OutcodeSums {
  n: number;
  lat: number;
  lng: number;
  lat2: number;
  lng2: number;
}

/**
 * A full UK file holds ~1.8 million postcodes. Points live in one flat
 * number array (lat, lng, lat, lng, …) indexed from the Map, which takes a
 * fraction of the memory of 1.8 million small objects.
 */
export class PostcodeTable {
  private readonly index = new Map<string, number>();
  private readonly coords: number[] = [];
  private readonly sums = new Map<string, OutcodeSums>();
  private centroids: Map<string, OutcodeCentroid> | undefined;

  get size(): number {
    return this.index.size;
  }

  /** Takes a normalised postcode ("LS6 3AB"); the first row for a postcode wins. */
  add(postcode: string, lat: number, lng: number): void {
    if (this.index.get(postcode) !== undefined) return;
    this.index.set(postcode, this.coords.length);
    this.coords.push(lat, lng);
    const outcode = postcode.slice(0, postcode.indexOf(" "));
    let s = this.sums.get(outcode);
    if (!s) this.sums.set(outcode, (s = { n: 0, lat: 0, lng: 0, lat2: 0, lng2: 0 }));
    s.n += 1;
    s.lat += lat;
    s.lng += lng;
    s.lat2 += lat * lat;
    s.lng2 += lng * lng;
    this.centroids = undefined;
  }

  get(postcode: string): LatLng | undefined {
    const i = this.index.get(postcode);
    return i === undefined ? undefined : { lat: this.coords[i], lng: this.coords[i + 1] };
  }

  outcode(outcode: string): OutcodeCentroid | undefined {
    this.centroids ??= centroidsOf(this.sums);
    return this.centroids.get(outcode);
  }
}

/**
 * Centroid of each outcode's postcodes, with the root-mean-square distance
 * from it as the precision: an honest "how wide is LS6".
 */
function centroidsOf(sums: Map<string, OutcodeSums>): Map<string, OutcodeCentroid> {
  const centroids = new Map<string, OutcodeCentroid>();
  for (const [outcode, s] of sums) {
    const lat = s.lat / s.n;
    const lng = s.lng / s.n;
    const varLat = Math.max(0, s.lat2 / s.n - lat * lat);
    const varLng = Math.max(0, s.lng2 / s.n - lng * lng);
    const kmPerDegreeLng = kmPerDegreeLat * Math.cos((lat * Math.PI) / 180);
    const rmsKm = Math.sqrt(varLat * kmPerDegreeLat ** 2 + varLng * kmPerDegreeLng ** 2);
    centroids.set(outcode, { lat, lng, precisionKm: Math.max(0.5, Math.round(rmsKm * 10) / 10) });
  }
  return centroids;
}

interface Columns {
  postcode: number;
  lat: number;
  lng: number;
}

/**
 * Headerless files are read as postcode,lat,lng. A header lets common
 * downloads work as they come: "id,postcode,latitude,longitude" and the like.
 */
function columnsFromHeader(cells: string[]): Columns | null {
  const find = (pattern: RegExp) => cells.findIndex((cell) => pattern.test(cell.trim()));
  const columns = {
    postcode: find(/^(postcode|pcds?)$/i),
    lat: find(/^lat(itude)?$/i),
    lng: find(/^(lng|lon|long|longitude)$/i),
  };
  return columns.postcode >= 0 && columns.lat >= 0 && columns.lng >= 0 ? columns : null;
}

/** Postcodes and coordinates never contain commas, so quotes only need stripping. */
function splitCsvLine(line: string): string[] {
  const cells = line.split(",");
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].includes('"')) cells[i] = cells[i].replace(/^\s*"|"\s*$/g, "");
  }
  return cells;
}

// Most files already hold "LS6 3AB"; checking that is ~8x cheaper than the postcode package's parse.
const canonicalPostcode = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;

function postcodeCell(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  return canonicalPostcode.test(cell) ? cell : normalisePostcode(cell);
}

/** NaN for a blank cell, which Number() would otherwise read as 0 and put the postcode at 0° N 0° E. */
function coordinateCell(cell: string | undefined): number {
  return cell === undefined || cell.trim() === "" ? Number.NaN : Number(cell);
}

export async function loadPostcodeTable(file: string): Promise<PostcodeTable> {
  const table = new PostcodeTable();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let columns: Columns = { postcode: 0, lat: 1, lng: 2 };
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      const header = columnsFromHeader(splitCsvLine(line.replace(/^\uFEFF/, "")));
      if (header) {
        columns = header;
        continue;
      }
    }
    const cells = splitCsvLine(line);
    const postcode = postcodeCell(cells[columns.postcode]);
    const lat = coordinateCell(cells[columns.lat]);
    const lng = coordinateCell(cells[columns.lng]);
    // ONS files mark postcodes without a grid reference with latitude 99.999999.
    if (!postcode || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) continue;
    table.add(postcode, lat, lng);
  }
  return table;
}

/** Exact postcodes, and outcode centroids, from a CSV file read once on first use. */
export function createPostcodeTableProvider(file: string): PlaceProvider {
  let loading: Promise<PostcodeTable> | undefined;
  const table = () => {
    loading ??= loadPostcodeTable(file).then(
      (loaded) => {
        logger.info({ file, postcodes: loaded.size }, "postcode table loaded");
        return loaded;
      },
      (error: unknown) => {
        // A broken file should not take search down; the other providers still answer.
        logger.error({ err: error, file }, "postcode table could not be read; using other place providers");
        return new PostcodeTable();
      },
    );
    return loading;
  };

  return {
    name: "postcode-table",
    async resolve(text) {
      const query = parsePlaceQuery(text);
      if (!query || query.kind === "name") return null;
      const loaded = await table();
      if (query.kind === "postcode") {
        const point = loaded.get(query.postcode);
        if (point) return { label: query.postcode, ...point, kind: "postcode", precision_km: postcodePrecisionKm };
      }
      // An unknown unit (new or mistyped) still has a useful outcode centroid.
      const centroid = loaded.outcode(query.outcode);
      if (!centroid) return null;
      const label = query.kind === "postcode" ? `${query.postcode} (${query.outcode} area)` : query.outcode;
      return { label, lat: centroid.lat, lng: centroid.lng, kind: "outcode", precision_km: centroid.precisionKm, centre: query.outcode };
    },
  };
}
