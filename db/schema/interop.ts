import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { activities, sessions } from "./activities";
import { createdAt, id, timestamptz } from "./columns";
import { organisations } from "./organisations";

/**
 * Where an imported activity came from: its id in the source (a CSV's
 * `source_id`, an HSDS service id), scoped to the organisation that imported
 * it, so importing the same file again updates the activity instead of adding
 * a second one. `contentHash` is the checked content last applied: equal
 * means "unchanged" in the preview.
 */
export const activitySources = pgTable(
  "activity_sources",
  {
    id: id(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** "csv" or "hsds". */
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    contentHash: text("content_hash").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("activity_sources_source_idx").on(t.organisationId, t.source, t.sourceId),
    index("activity_sources_activity_idx").on(t.activityId),
  ],
);

/** An organisation an admin's HSDS import created, by its id in the source, so a re-import finds it again. */
export const organisationSources = pgTable(
  "organisation_sources",
  {
    id: id(),
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisation_sources_source_idx").on(t.source, t.sourceId)],
);

/**
 * A checked import waiting for its confirm step: the rows exactly as the
 * preview showed them. Confirm applies these rows, never anything the browser
 * sends back; a preview is used once and expires.
 */
export const importPreviews = pgTable(
  "import_previews",
  {
    id: id(),
    /** Null for an admin's import of organisations with their services. */
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    fileName: text("file_name"),
    rows: jsonb("rows").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz("expires_at").notNull(),
    appliedAt: timestamptz("applied_at"),
  },
  (t) => [index("import_previews_user_idx").on(t.userId)],
);

/**
 * An activity's sessions taken from an iCalendar feed its organiser already
 * publishes (or a file uploaded once: no url, never refreshed). The worker
 * refreshes it hourly; a failure keeps the last good sessions and is shown,
 * with its reason, beside the time of the last good refresh.
 */
export const activityCalendarImports = pgTable(
  "activity_calendar_imports",
  {
    id: id(),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    /** Null for a file uploaded once. */
    url: text("url"),
    linkedBy: uuid("linked_by").references(() => users.id, { onDelete: "set null" }),
    lastCheckedAt: timestamptz("last_checked_at"),
    lastGoodAt: timestamptz("last_good_at"),
    /** Why the last refresh failed, in plain words; null once one succeeds. */
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("activity_calendar_imports_activity_idx").on(t.activityId)],
);

/**
 * Which session each feed event became, by a key stable across refreshes: the
 * event's UID and its occurrence's original start (its RECURRENCE-ID), so a
 * refresh updates the session instead of adding a second one.
 */
export const calendarImportSessions = pgTable(
  "calendar_import_sessions",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => activityCalendarImports.id, { onDelete: "cascade" }),
    eventKey: text("event_key").notNull(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    /** Set when the feed moved or dropped this session but people are booked on it (decision 019): kept, shown to the organiser. */
    attention: text("attention"),
  },
  (t) => [uniqueIndex("calendar_import_sessions_key_idx").on(t.importId, t.eventKey), index("calendar_import_sessions_session_idx").on(t.sessionId)],
);
