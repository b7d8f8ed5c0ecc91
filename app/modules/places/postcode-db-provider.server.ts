import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
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
    const db = await getDb();
    const [row] = await db.select({ lat: postcodes.lat, lng: postcodes.lng }).from(postcodes).where(eq(postcodes.postcode, query.postcode)).limit(1);
    return row ? { label: query.postcode, lat: row.lat, lng: row.lng, kind: "postcode", precision_km: postcodePrecisionKm } : null;
  },
};
