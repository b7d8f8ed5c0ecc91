import { doublePrecision, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * Unit postcodes loaded by `npm run places:import` from the ONS Postcode
 * Directory or OS Code-Point Open (both OGL), so a full postcode resolves to its
 * own point rather than its district's centre. Empty on a new install.
 */
export const postcodes = pgTable("postcodes", {
  /** Normalised: upper case with one space ("LS6 1AA"). */
  postcode: text("postcode").primaryKey(),
  lat: doublePrecision("lat").notNull(),
  lng: doublePrecision("lng").notNull(),
  /** "onspd" or "codepoint": which product's attribution the footer shows. */
  source: text("source").notNull(),
  importedAt: timestamptz("imported_at").notNull().defaultNow(),
});

/** One row per product imported: what the footer credits, and when it was loaded. */
export const postcodeImports = pgTable("postcode_imports", {
  source: text("source").primaryKey(),
  rows: doublePrecision("rows").notNull(),
  importedAt: timestamptz("imported_at").notNull().defaultNow(),
});
