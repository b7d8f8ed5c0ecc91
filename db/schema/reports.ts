import { boolean, pgTable, uuid } from "drizzle-orm/pg-core";
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
