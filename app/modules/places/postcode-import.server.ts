import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { parse } from "csv-parse";
import { sql } from "drizzle-orm";
import proj4 from "proj4";
import { getDb } from "#db/client";
import { postcodeImports, postcodes } from "#db/schema";
import { normalisePostcode } from "./place-query";

export type PostcodeSource = "onspd" | "codepoint";

/** What the footer shows when a product's postcodes are loaded (both are OGL; the wording is theirs). */
export const postcodeAttributions: Record<PostcodeSource, string> = {
  onspd: "Contains OS data © Crown copyright and database right. Contains Royal Mail data © Royal Mail copyright and database right. Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
  codepoint: "Contains OS data © Crown copyright and database right. Contains Royal Mail data © Royal Mail copyright and database right. Licensed under the Open Government Licence v.3.0.",
};

// EPSG:27700 (British National Grid) with the OSGB36 datum shift, as published by epsg.io; proj4 does the
// transverse Mercator and the Helmert shift to WGS84, good to a few metres, plenty for a postcode point.
const britishNationalGrid =
  "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs +type=crs";
const gridToWgs84 = proj4(britishNationalGrid, "WGS84");

export interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface PostcodeImportSummary {
  source: PostcodeSource;
  rows: number;
  imported: number;
  terminated: number;
  bad: number;
  /** Line numbers of the first few bad rows, so an operator can look. */
  badLines: number[];
  seconds: number;
  rowsPerSecond: number;
}

export class PostcodeFileError extends Error {}

interface Point {
  postcode: string;
  lat: number;
  lng: number;
}

type RowReader = (cells: string[]) => Point | "terminated" | "bad";

function readNumber(cell: string | undefined): number {
  return cell === undefined || cell.trim() === "" ? Number.NaN : Number(cell);
}

function onspdReader(header: string[]): RowReader {
  const at = (name: string) => header.findIndex((cell) => cell.trim().toLowerCase() === name);
  const [pcds, lat, lng, doterm] = [at("pcds"), at("lat"), at("long"), at("doterm")];
  return (cells) => {
    if (doterm >= 0 && (cells[doterm] ?? "").trim() !== "") return "terminated";
    const postcode = normalisePostcode(cells[pcds] ?? "");
    const point = { lat: readNumber(cells[lat]), lng: readNumber(cells[lng]) };
    // ONSPD gives postcodes without a grid reference latitude 99.999999.
    if (!postcode || !(Math.abs(point.lat) <= 90) || !(Math.abs(point.lng) <= 180)) return "bad";
    return { postcode, ...point };
  };
}

const codePointReader: RowReader = (cells) => {
  const postcode = normalisePostcode(cells[0] ?? "");
  const eastings = readNumber(cells[2]);
  const northings = readNumber(cells[3]);
  // Quality 90 rows have no grid reference (0, 0); the grid covers 0–700 km east and 0–1300 km north.
  if (!postcode || !(eastings > 0 && eastings < 700_000) || !(northings > 0 && northings < 1_300_000)) return "bad";
  const [lng, lat] = gridToWgs84.forward([eastings, northings]);
  return { postcode, lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
};

/** ONSPD has a header naming pcds, lat and long; Code-Point Open has none and starts with a postcode. */
export function detectPostcodeFormat(firstRow: string[]): { source: PostcodeSource; header: boolean; read: RowReader } {
  const names = firstRow.map((cell) => cell.replace(/^\uFEFF/, "").trim().toLowerCase());
  if (names.includes("pcds") && names.includes("lat") && names.includes("long")) {
    return { source: "onspd", header: true, read: onspdReader(names) };
  }
  if (normalisePostcode(firstRow[0] ?? "") && /^\d+$/.test((firstRow[2] ?? "").trim()) && /^\d+$/.test((firstRow[3] ?? "").trim())) {
    return { source: "codepoint", header: false, read: codePointReader };
  }
  throw new PostcodeFileError(
    "Not a postcode file this knows: expected the ONS Postcode Directory (a header with pcds, lat, long) or OS Code-Point Open (no header; postcode, quality, eastings, northings).",
  );
}

const batchSize = 2000;

async function upsert(batch: Map<string, Point>, source: PostcodeSource, now: Date): Promise<void> {
  if (batch.size === 0) return;
  const db = await getDb();
  await db
    .insert(postcodes)
    .values([...batch.values()].map((p) => ({ ...p, source, importedAt: now })))
    .onConflictDoUpdate({
      target: postcodes.postcode,
      set: { lat: sql`excluded.lat`, lng: sql`excluded.lng`, source: sql`excluded.source`, importedAt: sql`excluded.imported_at` },
    });
}

/**
 * Loads a national postcode file into the postcodes table, streaming, in
 * multi-row upserts: re-importing the same or a newer file updates in place.
 * Terminated postcodes are skipped; rows it cannot read are counted, not fatal.
 */
export async function importPostcodes(input: {
  file: string;
  now: Date;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<PostcodeImportSummary> {
  const started = performance.now();
  const bytesTotal = (await stat(input.file)).size;
  const stream = createReadStream(input.file);
  let bytesRead = 0;
  stream.on("data", (chunk) => (bytesRead += chunk.length));
  // relax_column_count: a short or long row is a bad row to count, not a reason to stop.
  const parser = stream.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }));

  let format: ReturnType<typeof detectPostcodeFormat> | undefined;
  const summary = { rows: 0, imported: 0, terminated: 0, bad: 0, badLines: [] as number[] };
  let batch = new Map<string, Point>();
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      if (!format) {
        format = detectPostcodeFormat(cells);
        if (format.header) continue;
      }
      summary.rows += 1;
      const row = format.read(cells);
      if (row === "terminated") summary.terminated += 1;
      else if (row === "bad") {
        summary.bad += 1;
        if (summary.badLines.length < 5) summary.badLines.push(line);
      } else {
        // One statement cannot update the same row twice, so a postcode repeated within a batch keeps its last row.
        batch.set(row.postcode, row);
        if (batch.size >= batchSize) {
          summary.imported += batch.size;
          await upsert(batch, format.source, input.now);
          batch = new Map();
          input.onProgress?.({ bytesRead, bytesTotal, rows: summary.rows });
        }
      }
    }
  } finally {
    stream.destroy();
  }
  if (!format) throw new PostcodeFileError("The file is empty.");
  summary.imported += batch.size;
  await upsert(batch, format.source, input.now);
  const db = await getDb();
  const [{ total }] = await db.select({ total: sql<number>`count(*)::float8` }).from(postcodes).where(sql`${postcodes.source} = ${format.source}`);
  await db
    .insert(postcodeImports)
    .values({ source: format.source, rows: total, importedAt: input.now })
    .onConflictDoUpdate({ target: postcodeImports.source, set: { rows: total, importedAt: input.now } });
  input.onProgress?.({ bytesRead: bytesTotal, bytesTotal, rows: summary.rows });
  const seconds = (performance.now() - started) / 1000;
  return { source: format.source, ...summary, seconds, rowsPerSecond: Math.round(summary.rows / Math.max(seconds, 0.001)) };
}

let creditCache: { at: number; credits: string[] } | undefined;
const creditCacheMs = 60_000;

/** The attributions owed for postcode data loaded here: none on a new install. */
export async function postcodeCredits(): Promise<string[]> {
  if (creditCache && Date.now() - creditCache.at < creditCacheMs) return creditCache.credits;
  const db = await getDb();
  const rows = await db.select({ source: postcodeImports.source }).from(postcodeImports);
  const credits = rows.map((r) => postcodeAttributions[r.source as PostcodeSource]).filter(Boolean);
  creditCache = { at: Date.now(), credits };
  return credits;
}

export function resetPostcodeCreditsForTests(): void {
  creditCache = undefined;
}
