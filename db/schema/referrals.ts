import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { activities } from "./activities";
import { createdAt, id, timestamptz, updatedAt } from "./columns";
import { organisations } from "./organisations";

export const referralStatuses = [
  "sent",
  "accepted",
  "declined",
  "withdrawn",
  "expired",
  "booked",
  "attending",
  "completed",
  "disengaged",
] as const;

/** Why an organiser could not offer a place, as a fixed list so reports can count them (the words go in declineReason). */
export const declineReasonKinds = ["full", "not_suitable", "not_running", "cannot_contact", "other"] as const;

/** How the "before" wellbeing check is done (the referrals module's baseline-choice.ts explains them). */
export const baselineChoices = ["now", "by_link", "not_appropriate"] as const;

export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    /** Short human reference for phone calls, e.g. "K7P-4QX". */
    code: text("code").notNull(),
    /** Null for a referral of connection actions only: no activity, no organiser. */
    activityId: uuid("activity_id").references(() => activities.id, { onDelete: "restrict" }),
    /** Null for a self-referral. */
    referrerUserId: uuid("referrer_user_id").references(() => users.id, { onDelete: "set null" }),
    referrerOrganisationId: uuid("referrer_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    source: text("source", { enum: ["referrer", "self", "walk_in"] }).notNull(),
    /** Referrals made together for one person share a group id. */
    groupId: uuid("group_id"),
    personFirstName: text("person_first_name").notNull(),
    personLastName: text("person_last_name").notNull(),
    personEmail: text("person_email"),
    personPhone: text("person_phone"),
    preferredContact: text("preferred_contact", { enum: ["email", "phone", "sms"] })
      .notNull()
      .default("email"),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    notesForOrganiser: text("notes_for_organiser"),
    /** The person agreed to share these details with this organiser. */
    consentAt: timestamptz("consent_at").notNull(),
    status: text("status", { enum: referralStatuses }).notNull().default("sent"),
    statusChangedAt: timestamptz("status_changed_at").notNull().defaultNow(),
    /** Set when the loop stalls (two no-shows, no booking in N days). */
    stalledAt: timestamptz("stalled_at"),
    stalledReason: text("stalled_reason"),
    declineReason: text("decline_reason"),
    declineReasonKind: text("decline_reason_kind", { enum: declineReasonKinds }),
    /** When the person's private link stops working. */
    linkExpiresAt: timestamptz("link_expires_at").notNull(),
    followUpSentAt: timestamptz("follow_up_sent_at"),
    /** Null for self-referrals, walk-ins and referrals made before the choice was asked. */
    baselineChoice: text("baseline_choice", { enum: baselineChoices }),
    /** Why the wellbeing questions were not appropriate (only with that choice). */
    baselineReason: text("baseline_reason"),
    /** When the person's name, contact details and free text were removed; the anonymous record stays. */
    detailsRemovedAt: timestamptz("details_removed_at"),
    detailsRemovedReason: text("details_removed_reason", { enum: ["retention", "person_asked"] }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("referrals_code_key").on(t.code),
    index("referrals_activity_idx").on(t.activityId, t.status),
    index("referrals_referrer_org_idx").on(t.referrerOrganisationId, t.status),
    index("referrals_status_changed_idx").on(t.status, t.statusChangedAt),
    // The reports' cohort: referrals made in a period.
    index("referrals_created_idx").on(t.createdAt),
  ],
);

/** The audit trail of a referral: every status change, attendance mark and outcome. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    at: timestamptz("at").notNull().defaultNow(),
    kind: text("kind").notNull().default("status"),
    fromStatus: text("from_status", { enum: referralStatuses }),
    toStatus: text("to_status", { enum: referralStatuses }),
    actorType: text("actor_type", {
      enum: ["user", "person", "system", "register_link"],
    }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("referral_events_referral_idx").on(t.referralId, t.at),
    // The daily booking summary reads the last day's booking events across all referrals.
    index("referral_events_booking_at_idx").on(t.at).where(sql`kind = 'booking'`),
  ],
);
