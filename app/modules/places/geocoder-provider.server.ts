import { z } from "zod";
import { logger } from "~/utils/logger.server";
import type { PlaceProvider } from "./place";
import { parsePlaceQuery } from "./place-query";

const postcodePrecisionKm = 0.1;
/** postcodes.io gives an outcode's centroid, not its extent; a district is typically a few km across. */
const outcodePrecisionKm = 3;
const defaultTimeoutMs = 3000;

const lookupSchema = z.object({
  result: z.object({ latitude: z.number(), longitude: z.number() }),
});

type Lookup = { found: true; lat: number; lng: number } | { found: false; reason: "missing" | "failed" };

/**
 * A postcodes.io-compatible service (postcodes.io itself, or a self-hosted
 * copy). Any failure is "not found" so search keeps working on the offline
 * data; only the outcode is logged because a full postcode can identify
 * someone's home.
 */
export function createGeocoderProvider(
  baseUrl: string,
  { timeoutMs = defaultTimeoutMs }: { timeoutMs?: number } = {},
): PlaceProvider {
  const base = baseUrl.replace(/\/+$/, "");

  async function lookup(path: string, outcode: string): Promise<Lookup> {
    try {
      const response = await fetch(`${base}${path}`, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 404) return { found: false, reason: "missing" };
      if (!response.ok) throw new Error(`geocoder answered HTTP ${response.status}`);
      const body = lookupSchema.safeParse(await response.json());
      // postcodes.io answers latitude null for postcodes with no grid reference.
      if (!body.success) return { found: false, reason: "missing" };
      return { found: true, lat: body.data.result.latitude, lng: body.data.result.longitude };
    } catch (error) {
      logger.warn({ err: error, outcode }, "geocoder lookup failed; falling back to other place providers");
      return { found: false, reason: "failed" };
    }
  }

  return {
    name: "geocoder",
    async resolve(text) {
      const query = parsePlaceQuery(text);
      if (!query || query.kind === "name") return null;
      if (query.kind === "postcode") {
        const hit = await lookup(`/postcodes/${encodeURIComponent(query.postcode)}`, query.outcode);
        if (hit.found) {
          return { label: query.postcode, lat: hit.lat, lng: hit.lng, kind: "postcode", precision_km: postcodePrecisionKm };
        }
        // Only an unknown postcode is worth a second request; a failing service would just fail again.
        if (hit.reason === "failed") return null;
      }
      const hit = await lookup(`/outcodes/${encodeURIComponent(query.outcode)}`, query.outcode);
      if (!hit.found) return null;
      const label = query.kind === "postcode" ? `${query.postcode} (${query.outcode} area)` : query.outcode;
      return { label, lat: hit.lat, lng: hit.lng, kind: "outcode", precision_km: outcodePrecisionKm, centre: query.outcode };
    },
  };
}
