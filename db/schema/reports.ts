import { boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { referrals } from "./referrals";

/**
 * What the reports need to know of each referral that is costly to work out
 * live (it reads the events trail and every booking): kept by the worker's
 * "refresh-report-facts" job (app/modules/reports/referral-facts.server.ts).
 * A referral without a row yet is worked out live, so a new referral counts
 * at once; a changed one may lag by one run of the job.
 */
export const reportReferralFacts = pgTable("report_referral_facts", {
  referralId: uuid("referral_id")
    .primaryKey()
    .references(() => referrals.id, { onDelete: "cascade" }),
  accepted: boolean("accepted").notNull(),
  booked: boolean("booked").notNull(),
  firstAttendedAt: timestamptz("first_attended_at"),
  refreshedAt: timestamptz("refreshed_at").notNull(),
});

/**
 * The area dashboard's referral figures added up per day of referral (UTC),
 * kept by the worker with the facts above (app/modules/reports/referral-days.server.ts).
 * Two kinds of row share the table: per town and kind of activity
 * (referrer_org = '*'), and per referring organisation (town = category = '*'),
 * because a row per all three would be nearly a row per referral.
 * Town is '' for activities with no town (online).
 */
export const reportReferralDays = pgTable(
  "report_referral_days",
  {
    day: date("day", { mode: "string" }).notNull(),
    town: text("town").notNull(),
    category: text("category").notNull(),
    referrerOrg: text("referrer_org").notNull(),
    referred: integer("referred").notNull(),
    accepted: integer("accepted").notNull(),
    booked: integer("booked").notNull(),
    attended: integer("attended").notNull(),
    completed: integer("completed").notNull(),
    declined: integer("declined").notNull(),
    open: integer("open").notNull(),
    stalled: integer("stalled").notNull(),
    stalledNoShows: integer("stalled_no_shows").notNull(),
    stalledNoBooking: integer("stalled_no_booking").notNull(),
    /** Days from referral to first session, one per referral that went: kept whole so medians stay exact. */
    daysToAttend: doublePrecision("days_to_attend").array().notNull(),
    /** { reason: referrals } and { decline kind: referrals }. */
    reasons: jsonb("reasons").$type<Record<string, number>>().notNull(),
    declines: jsonb("declines").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.town, t.category, t.referrerOrg] })],
);

/** How far each kept table reaches: whole days before covered_until, as of ran_at. One row per kind ("referral-days", "search-days"). */
export const reportRollupState = pgTable("report_rollup_state", {
  name: text("name").primaryKey(),
  coveredUntil: date("covered_until", { mode: "string" }).notNull(),
  ranAt: timestamptz("ran_at").notNull(),
  rebuiltAt: timestamptz("rebuilt_at").notNull(),
});

/**
 * The search log added up per day (UTC) and kind of activity ('any' when none
 * was chosen), for the area dashboard's demand table; kept with the rows above.
 */
export const reportSearchDays = pgTable(
  "report_search_days",
  {
    day: date("day", { mode: "string" }).notNull(),
    category: text("category").notNull(),
    searches: integer("searches").notNull(),
    foundNothing: integer("found_nothing").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.category] })],
);

/** Located searches that found little (gap-cells.ts' rule), per day, ~1 km cell and kind: the gap map's demand. */
export const reportUnmetSearchCells = pgTable(
  "report_unmet_search_cells",
  {
    day: date("day", { mode: "string" }).notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    category: text("category").notNull(),
    searches: integer("searches").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.lat, t.lng, t.category] })],
);
