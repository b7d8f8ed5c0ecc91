import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { logger } from "~/utils/logger.server";
import { postcodes } from "#db/schema";
import type { PlaceProvider } from "./place";
import { parsePlaceQuery } from "./place-query";

/** A unit postcode covers about fifteen addresses: a point is within ~100 m. */
const postcodePrecisionKm = 0.1;

/**
 * Full postcodes loaded by `npm run places:import`: one primary-key lookup.
 * Districts, sectors and unknown postcodes fall through to the offline
 * gazetteer, which already answers those with an honest "centre of LS6".
 */
export const postcodeDbProvider: PlaceProvider = {
  name: "postcode-db",
  async resolve(text) {
    const query = parsePlaceQuery(text);
    if (query?.kind !== "postcode") return null;
    let row: { lat: number; lng: number } | undefined;
    try {
      const db = await getDb();
      [row] = await db.select({ lat: postcodes.lat, lng: postcodes.lng }).from(postcodes).where(eq(postcodes.postcode, query.postcode)).limit(1);
    } catch (error) {
      // Like an unreadable POSTCODES_FILE: a lookup that fails (no database here, table not migrated yet) must not
      // take search down when the offline gazetteer can still answer, less precisely and saying so.
      logger.warn({ err: error }, "postcodes table could not be read; using other place providers");
      return null;
    }
    return row ? { label: query.postcode, lat: row.lat, lng: row.lng, kind: "postcode", precision_km: postcodePrecisionKm } : null;
  },
};
