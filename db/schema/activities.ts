import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, earth, id, timestamptz, tsvector, updatedAt } from "./columns";
import { organisations } from "./organisations";

/**
 * The yes/no facts search filters on, packed into one integer
 * (`activities.search_flags`) so the covering geo index can hold them and a
 * radius search never reads the wide activity rows. The order is fixed: a bit
 * means the same thing in every database. Accessibility keys must match
 * app/modules/activities/vocabulary.ts (a test checks); a new feature takes
 * the next bit, added to the column by a migration.
 */
/** An activity's statuses and cost types: the one list each; the app's labels and search's types derive from them. */
export const activityStatuses = ["draft", "published", "archived"] as const;
export const costTypeValues = ["free", "paid", "pay_what_you_can"] as const;

export const searchFlagBits = {
  free: 1 << 0,
  self_referral: 1 << 1,
  drop_in: 1 << 2,
  online: 1 << 3,
  accessibility: {
    step_free: 1 << 4,
    accessible_toilet: 1 << 5,
    hearing_loop: 1 << 6,
    bsl: 1 << 7,
    seating: 1 << 8,
    quiet_space: 1 << 9,
    parking: 1 << 10,
    public_transport: 1 << 11,
    large_print: 1 << 12,
  } as Record<string, number>,
} as const;

const searchFlagsExpression = sql.raw(
  [
    `(CASE WHEN cost_type = 'free' THEN ${searchFlagBits.free} ELSE 0 END)`,
    `(CASE WHEN self_referral THEN ${searchFlagBits.self_referral} ELSE 0 END)`,
    `(CASE WHEN drop_in THEN ${searchFlagBits.drop_in} ELSE 0 END)`,
    `(CASE WHEN online THEN ${searchFlagBits.online} ELSE 0 END)`,
    ...Object.entries(searchFlagBits.accessibility).map(
      ([key, bit]) => `(CASE WHEN '${key}' = ANY (accessibility) THEN ${bit} ELSE 0 END)`,
    ),
  ].join(" | "),
);

/** The fixed taxonomy of kinds of activity; admins may edit names and add kinds. */
export const categories = pgTable("categories", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  description: text("description"),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const activities = pgTable(
  "activities",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    status: text("status", { enum: activityStatuses })
      .notNull()
      .default("draft"),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    category: text("category")
      .notNull()
      .references(() => categories.slug, { onUpdate: "cascade" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Who it suits: keys from app/modules/activities (age groups, carers welcome, …). */
    suitableFor: text("suitable_for").array().notNull().default(sql`'{}'::text[]`),
    costType: text("cost_type", { enum: costTypeValues })
      .notNull()
      .default("free"),
    /** Price in pence when costType is "paid". */
    costPence: integer("cost_pence"),
    costDetails: text("cost_details"),
    /** e.g. "First month free when referred". */
    referralOffer: text("referral_offer"),
    /** Structured accessibility features: keys from app/modules/activities. */
    accessibility: text("accessibility").array().notNull().default(sql`'{}'::text[]`),
    /** Referrals are always accepted; these widen who may come. */
    selfReferral: boolean("self_referral").notNull().default(false),
    dropIn: boolean("drop_in").notNull().default(false),
    /** When false, new referrals are accepted automatically. */
    requiresScreening: boolean("requires_screening").notNull().default(false),
    /** Default places per session. */
    capacity: integer("capacity").notNull().default(12),
    /** A referral completes after this many attended sessions (null: by the referrer or the programme's end). */
    completionSessions: integer("completion_sessions"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    online: boolean("online").notNull().default(false),
    /** Shown only to people with a booking. */
    onlineUrl: text("online_url"),
    venueName: text("venue_name"),
    address: text("address"),
    town: text("town"),
    postcode: text("postcode"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    timezone: text("timezone").notNull().default("Europe/London"),
    imagePath: text("image_path"),
    imageAlt: text("image_alt"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamptz("published_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The category's and the organisation's names, so search words match an activity's kind and organiser too
     * (kept by triggers, migration search-context-words: a generated column cannot read other tables).
     */
    searchContext: text("search_context").notNull().default(""),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`lw_activity_document(title, summary, description, tags, search_context)`,
    ),
    /**
     * ll_to_earth(lat, lng), stored: computing it costs ~13 µs a row (the
     * earth domain's checks), which a radius search would pay for every
     * activity in the box. Null for activities without a place.
     */
    geo: earth("geo").generatedAlwaysAs(sql`ll_to_earth(lat, lng)`),
    /*
     * A summary of the upcoming scheduled sessions, kept by the sessions
     * triggers (migration search-session-summary) and refreshed by the worker
     * as sessions pass, so search can filter and sort on them without reading
     * sessions row by row. Search treats a value in the past as stale.
     */
    /** Start of the next scheduled session. */
    nextSessionAt: timestamptz("next_session_at"),
    /** Start of the next scheduled session with a place left. */
    nextOpenSessionAt: timestamptz("next_open_session_at"),
    /** Bit (isodow - 1) * 3 + part of day (0 morning, 1 afternoon, 2 evening, local time) of every upcoming session. */
    sessionSlots: integer("session_slots").notNull().default(0),
    /** Cost, joining and accessibility facts as bits (searchFlagBits). */
    searchFlags: integer("search_flags").generatedAlwaysAs(searchFlagsExpression),
  },
  (t) => [
    index("activities_org_idx").on(t.organisationId),
    index("activities_status_category_idx").on(t.status, t.category),
    // Search only ever looks at published activities; the partial index is smaller and needs no status recheck.
    // Migration search-covering-index rebuilds it with INCLUDE (id, category, session_slots, search_flags,
    // next_session_at, next_open_session_at), which Drizzle cannot express: a radius search then counts and
    // facets from the index alone. Keep that migration in mind before changing this line.
    index("activities_geo_idx").using("gist", t.geo).where(sql`status = 'published'`),
    index("activities_search_idx").using("gin", t.searchVector),
    index("activities_next_session_idx").on(t.nextSessionAt),
    // Online activities are searched without a radius ("online only"): few rows, found directly.
    index("activities_online_idx").on(t.nextSessionAt).where(sql`status = 'published' AND online`),
  ],
);

/** A recurrence (RFC 5545 RRULE) in the activity's local time; sessions are materialised from it. */
export const schedules = pgTable(
  "schedules",
  {
    id: id(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    /** RRULE without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU. */
    rrule: text("rrule").notNull(),
    /** First start, wall-clock time in `timezone`. */
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    timezone: text("timezone").notNull().default("Europe/London"),
    until: date("until", { mode: "string" }),
    /** Sessions exist up to here; the worker rolls the horizon forward. */
    materialisedUntil: timestamptz("materialised_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("schedules_activity_idx").on(t.activityId)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    /** Null for an extra date added by hand. */
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    /** The occurrence this session came from (UTC), so re-materialising finds it again after a move. */
    occurrenceAt: timestamp("occurrence_at", { withTimezone: true, mode: "date" }),
    startsAt: timestamptz("starts_at").notNull(),
    endsAt: timestamptz("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    /** Places taken; changed only by the conditional update in app/modules/bookings. */
    bookedCount: integer("booked_count").notNull().default(0),
    status: text("status", { enum: ["scheduled", "cancelled"] }).notNull().default("scheduled"),
    cancelReason: text("cancel_reason"),
    /**
     * When the organiser cancelled it. Bookings on it cancelled at or after
     * this were cancelled by that cancellation, so a reinstatement knows whom
     * to tell. Kept through a reinstatement until those people are told it is
     * back on (a cancel → reinstate → cancel before then keeps the first time).
     */
    cancelledAt: timestamptz("cancelled_at"),
    /** The organiser moved or resized this one; schedule edits leave it alone. */
    detached: boolean("detached").notNull().default(false),
    registerLinkSentAt: timestamptz("register_link_sent_at"),
    /** Admins can reopen a locked register until this time. */
    registerReopenedUntil: timestamptz("register_reopened_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("sessions_activity_starts_idx").on(t.activityId, t.startsAt),
    index("sessions_starts_idx").on(t.startsAt),
    uniqueIndex("sessions_schedule_occurrence_key").on(t.scheduleId, t.occurrenceAt),
  ],
);
