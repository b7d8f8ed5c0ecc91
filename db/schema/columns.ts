import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every table's id: a UUID, so ids are safe to show and fit Open Referral (HSDS) ids. */
export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/** earthdistance's point on the earth's surface (a 3-D cube, in metres from the centre). */
export const earth = customType<{ data: string }>({
  dataType: () => "earth",
});

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
