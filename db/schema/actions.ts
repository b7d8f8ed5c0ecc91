import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, timestamptz, updatedAt } from "./columns";
import { referrals } from "./referrals";

export const actionGroups = ["connect", "move", "reflect", "give", "learn"] as const;
export const actionRhythms = ["once", "daily", "weekly"] as const;

/**
 * The library of small connection actions a referrer can prescribe. Admins
 * edit it; a retired action stays (prescribed copies keep their own words)
 * but is no longer offered.
 */
export const connectionActions = pgTable(
  "connection_actions",
  {
    id: id(),
    group: text("group", { enum: actionGroups }).notNull(),
    title: text("title").notNull(),
    howTo: text("how_to").notNull(),
    rhythm: text("rhythm", { enum: actionRhythms }).notNull(),
    /** For a weekly rhythm: how many times a week (1–7). */
    timesPerWeek: integer("times_per_week"),
    sortOrder: integer("sort_order").notNull().default(0),
    retiredAt: timestamptz("retired_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("connection_actions_title_key").on(sql`lower(${t.title})`),
    check("connection_actions_rhythm_check", sql`(${t.rhythm} = 'weekly') = (${t.timesPerWeek} is not null) and coalesce(${t.timesPerWeek}, 1) between 1 and 7`),
  ],
);

/**
 * An action prescribed for one person, on their referral. It copies the
 * library's words so later edits to the library do not change what they
 * were asked to do. Dates are calendar days in the site's time zone.
 */
export const referralActions = pgTable(
  "referral_actions",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    libraryActionId: uuid("library_action_id").references(() => connectionActions.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    howTo: text("how_to"),
    rhythm: text("rhythm", { enum: actionRhythms }).notNull(),
    timesPerWeek: integer("times_per_week"),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    addedByUserId: uuid("added_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The referrer took it off the plan; its history stays. */
    stoppedAt: timestamptz("stopped_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("referral_actions_referral_idx").on(t.referralId),
    check("referral_actions_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
    check("referral_actions_rhythm_check", sql`(${t.rhythm} = 'weekly') = (${t.timesPerWeek} is not null) and coalesce(${t.timesPerWeek}, 1) between 1 and 7`),
  ],
);

export const actionOutcomes = ["done", "not_this_time"] as const;

/** What the person said about one action on one day: at most one answer a day, which they can change that day. */
export const actionLogs = pgTable(
  "action_logs",
  {
    id: id(),
    referralActionId: uuid("referral_action_id")
      .notNull()
      .references(() => referralActions.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    outcome: text("outcome", { enum: actionOutcomes }).notNull(),
    note: text("note"),
    /** Where the answer came from: their page, a one-tap link in a message, or a text reply. */
    via: text("via", { enum: ["page", "link", "text_reply"] }).notNull().default("page"),
    recordedAt: timestamptz("recorded_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("action_logs_action_day_key").on(t.referralActionId, t.day)],
);
