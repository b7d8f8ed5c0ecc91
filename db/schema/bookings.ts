import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { sessions } from "./activities";
import { createdAt, id, timestamptz, updatedAt } from "./columns";
import { referrals } from "./referrals";

export const bookings = pgTable(
  "bookings",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    /** offered: a freed place held for the first on the waitlist until offerExpiresAt. */
    status: text("status", { enum: ["booked", "waitlisted", "offered", "cancelled"] }).notNull(),
    attendance: text("attendance", { enum: ["unmarked", "attended", "no_show"] })
      .notNull()
      .default("unmarked"),
    markedBy: uuid("marked_by").references(() => users.id, { onDelete: "set null" }),
    markedAt: timestamptz("marked_at"),
    /** What the person said from their link; the organiser's mark wins when both exist. */
    selfReported: text("self_reported", { enum: ["went", "missed"] }),
    selfReportedAt: timestamptz("self_reported_at"),
    offerExpiresAt: timestamptz("offer_expires_at"),
    reminderSentAt: timestamptz("reminder_sent_at"),
    cancelledAt: timestamptz("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live booking per person per session: a repeated submit cannot double-book.
    uniqueIndex("bookings_live_key")
      .on(t.referralId, t.sessionId)
      .where(sql`status <> 'cancelled'`),
    index("bookings_session_idx").on(t.sessionId, t.status),
    // A referral's bookings, cancelled ones too (bookings_live_key is partial): the reports'
    // "went at least once" looks them up per referral.
    index("bookings_referral_idx").on(t.referralId),
  ],
);
