/**
 * An activity's sessions kept from an iCalendar feed its organiser already
 * publishes (decision 084). Each feed occurrence maps to one session by
 * UID + original start, so a refresh updates rather than duplicates. Booked
 * sessions follow decision 019: a CANCELLED event cancels through the one
 * cancellation path (booked people are told); a booked session the feed moves
 * or drops is kept where it is and flagged for the organiser.
 */
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { activities, activityCalendarImports, calendarImportSessions, sessions } from "#db/schema";
import { findMembership, hitRateLimit, rateLimitRules, tooManyAttemptsMessage } from "~/modules/accounts/index.server";
import { applyImportedOccurrences, HORIZON_WEEKS } from "~/modules/activities/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { logger } from "~/utils/logger.server";
import { DAY_MS, MINUTE_MS } from "~/utils/time";
import { FeedFetchError, fetchFeedText } from "./fetch-feed.server";
import { readFeedEvents, type FeedOccurrence } from "./ics-events.server";

/** An occurrence's key is its event's UID and its original start: the UID names the series. */
const eventOf = (key: string) => key.split("|")[0];
/** The worker runs hourly; a feed checked this recently is left until the next run. */
const REFRESH_AFTER_MS = 50 * MINUTE_MS;

export type CalendarImportResult =
  | { ok: true; created: number; updated: number; cancelled: number; removed: number; flagged: number }
  | { ok: false; field: "url" | "file" | "intent"; message: string };

export interface CalendarImportView {
  url: string | null;
  lastCheckedAt: Date | null;
  lastGoodAt: Date | null;
  lastError: string | null;
  /** Booked sessions the feed moved or dropped, kept as they are (decision 019). */
  attention: { sessionId: string; startsAt: Date; note: string }[];
}

/** The activity's organisation when this person is a member of it, else null. */
async function memberOrganisation(userId: string, activityId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ organisationId: activities.organisationId }).from(activities).where(eq(activities.id, activityId));
  return row && (await findMembership(userId, row.organisationId)) ? row.organisationId : null;
}

const windowFrom = (now: Date, timezone: string) => ({ from: now, to: new Date(now.getTime() + HORIZON_WEEKS * 7 * DAY_MS), timezone });

async function fetchCalendar(url: string): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    const { text } = await fetchFeedText(url, { accept: "text/calendar, */*;q=0.5" });
    return { ok: true, text };
  } catch (error) {
    if (error instanceof FeedFetchError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * Links the activity to a feed URL (or a file's text, taken once) and applies
 * it now. A feed that cannot be read links nothing and says why.
 */
export async function linkCalendarImport(input: {
  userId: string;
  activityId: string;
  source: { url: string } | { fileText: string };
  now: Date;
}): Promise<CalendarImportResult> {
  const organisationId = await memberOrganisation(input.userId, input.activityId);
  if (!organisationId) return { ok: false, field: "intent", message: "Only the activity’s organisation can do this" };
  const field = "url" in input.source ? "url" : "file";
  // Each link fetches or parses a calendar: it counts with the organisation's other imports.
  const limit = await hitRateLimit(rateLimitRules.importOrganisation, organisationId, { now: input.now });
  if (!limit.allowed) return { ok: false, field, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  let text: string;
  if ("url" in input.source) {
    const fetched = await fetchCalendar(input.source.url);
    if (!fetched.ok) return { ok: false, field, message: fetched.reason };
    text = fetched.text;
  } else text = input.source.fileText;
  const db = await getDb();
  const [activity] = await db.select({ timezone: activities.timezone }).from(activities).where(eq(activities.id, input.activityId));
  const read = readFeedEvents(text, windowFrom(input.now, activity.timezone));
  if (!read.ok) return { ok: false, field, message: read.reason };
  const url = "url" in input.source ? input.source.url.trim() : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(activityCalendarImports)
      .values({ activityId: input.activityId, url, linkedBy: input.userId, lastCheckedAt: input.now, lastGoodAt: input.now })
      .onConflictDoUpdate({
        target: activityCalendarImports.activityId,
        set: { url, linkedBy: input.userId, lastCheckedAt: input.now, lastGoodAt: input.now, lastError: null },
      })
      .returning({ id: activityCalendarImports.id });
    return { ok: true as const, ...(await applyOccurrences(tx, { importId: row.id, activityId: input.activityId }, read.occurrences, input.now)) };
  });
}

/** Stops refreshing. The sessions stay (people may be booked on them) and become ordinary extra dates. */
export async function unlinkCalendarImport(input: { userId: string; activityId: string }): Promise<CalendarImportResult> {
  if (!(await memberOrganisation(input.userId, input.activityId))) return { ok: false, field: "intent", message: "Only the activity’s organisation can do this" };
  const db = await getDb();
  await db.delete(activityCalendarImports).where(eq(activityCalendarImports.activityId, input.activityId));
  return { ok: true, created: 0, updated: 0, cancelled: 0, removed: 0, flagged: 0 };
}

/** Fetches and applies one linked feed; a failure keeps every session and records why. */
async function refreshOne(feed: { id: string; activityId: string; url: string; timezone: string }, now: Date): Promise<void> {
  const db = await getDb();
  const fetched = await fetchCalendar(feed.url);
  const read = fetched.ok ? readFeedEvents(fetched.text, windowFrom(now, feed.timezone)) : fetched;
  if (!read.ok) {
    await db.update(activityCalendarImports).set({ lastCheckedAt: now, lastError: read.reason }).where(eq(activityCalendarImports.id, feed.id));
    return;
  }
  await db.transaction(async (tx) => {
    await applyOccurrences(tx, { importId: feed.id, activityId: feed.activityId }, read.occurrences, now);
    await tx.update(activityCalendarImports).set({ lastCheckedAt: now, lastGoodAt: now, lastError: null }).where(eq(activityCalendarImports.id, feed.id));
  });
}

/** The worker's hourly job: every linked feed not checked in the last 50 minutes. */
export async function refreshCalendarImports(now: Date = clockNow()): Promise<{ refreshed: number; failed: number }> {
  const db = await getDb();
  const due = await db
    .select({ id: activityCalendarImports.id, activityId: activityCalendarImports.activityId, url: activityCalendarImports.url, timezone: activities.timezone })
    .from(activityCalendarImports)
    .innerJoin(activities, eq(activities.id, activityCalendarImports.activityId))
    .where(
      and(
        isNotNull(activityCalendarImports.url),
        or(isNull(activityCalendarImports.lastCheckedAt), lt(activityCalendarImports.lastCheckedAt, new Date(now.getTime() - REFRESH_AFTER_MS))),
      ),
    );
  let failed = 0;
  for (const feed of due) {
    try {
      await refreshOne({ ...feed, url: feed.url! }, now);
    } catch (error) {
      // One feed's surprise must not stop the others; it is recorded like any failure.
      failed++;
      logger.error({ err: error, importId: feed.id }, "calendar import refresh failed");
      await db
        .update(activityCalendarImports)
        .set({ lastCheckedAt: now, lastError: "Something went wrong reading this calendar; we will try again within the hour" })
        .where(eq(activityCalendarImports.id, feed.id));
    }
  }
  return { refreshed: due.length - failed, failed };
}

/**
 * Hands the occurrences to the activities context, which owns sessions and their rules, then
 * remembers which occurrence became which session, inside the caller's transaction.
 */
async function applyOccurrences(tx: Tx, feed: { importId: string; activityId: string }, occurrences: FeedOccurrence[], now: Date) {
  const known = await tx
    .select({ key: calendarImportSessions.eventKey, sessionId: calendarImportSessions.sessionId, attention: calendarImportSessions.attention })
    .from(calendarImportSessions)
    .where(eq(calendarImportSessions.importId, feed.importId));
  const { counts, sessions: after } = await applyImportedOccurrences(tx, {
    activityId: feed.activityId,
    known: known.map((k) => ({ ...k, series: eventOf(k.key) })),
    occurrences: occurrences.map((o) => ({ ...o, series: eventOf(o.key) })),
    now,
  });
  const before = new Map(known.map((k) => [k.sessionId, k]));
  for (const link of after) {
    const was = before.get(link.sessionId);
    if (!was) await tx.insert(calendarImportSessions).values({ importId: feed.importId, eventKey: link.key, sessionId: link.sessionId, attention: link.attention });
    else if (was.key !== link.key || was.attention !== link.attention) {
      await tx
        .update(calendarImportSessions)
        .set({ eventKey: link.key, attention: link.attention })
        .where(and(eq(calendarImportSessions.importId, feed.importId), eq(calendarImportSessions.sessionId, link.sessionId)));
    }
  }
  // A session the activities context deleted took its link with it (the foreign key cascades).
  return counts;
}

/** The link, its health and what needs the organiser, for the sessions page and the dashboard. */
export async function readCalendarImport(activityId: string): Promise<CalendarImportView | null> {
  const db = await getDb();
  const [row] = await db.select().from(activityCalendarImports).where(eq(activityCalendarImports.activityId, activityId));
  if (!row) return null;
  const attention = await db
    .select({ sessionId: sessions.id, startsAt: sessions.startsAt, note: calendarImportSessions.attention })
    .from(calendarImportSessions)
    .innerJoin(sessions, eq(sessions.id, calendarImportSessions.sessionId))
    .where(and(eq(calendarImportSessions.importId, row.id), isNotNull(calendarImportSessions.attention)))
    .orderBy(sessions.startsAt);
  return {
    url: row.url,
    lastCheckedAt: row.lastCheckedAt,
    lastGoodAt: row.lastGoodAt,
    lastError: row.lastError,
    attention: attention.map((a) => ({ ...a, note: a.note! })),
  };
}

/** An organisation's failing calendar links, for its dashboard: never a silent failure. */
export async function listFailingCalendarImports(organisationId: string) {
  const db = await getDb();
  return db
    .select({
      activityId: activities.id,
      title: activities.title,
      lastError: activityCalendarImports.lastError,
      lastGoodAt: activityCalendarImports.lastGoodAt,
      lastCheckedAt: activityCalendarImports.lastCheckedAt,
    })
    .from(activityCalendarImports)
    .innerJoin(activities, eq(activities.id, activityCalendarImports.activityId))
    .where(and(eq(activities.organisationId, organisationId), isNotNull(activityCalendarImports.lastError)))
    .orderBy(activities.title);
}
