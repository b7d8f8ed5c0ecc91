/**
 * Worker job: each morning, the organisers of each organisation get one
 * email listing the places people booked from their private links since the
 * last summary. A booking needs nothing from the organiser (the place is
 * already taken and the register lists them), so one summary a day beats an
 * email per booking. Cancellations and withdrawals free places, so those are
 * emailed as they happen and are not repeated here.
 *
 * organisations.booking_digest_through records the end of the window each
 * summary covered, so every booking is in exactly one summary, however often
 * the job runs and however many workers run it.
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "#db/client";
import { activities, bookings, organisations, referralEvents, referrals, sessions } from "#db/schema";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { queueMessage } from "~/modules/notifications/index.server";
import { organiserBookingDigestMessage, type DigestSession } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";
import { organiserRecipients } from "./notify.server";
import { shortName } from "./referral-context.server";
import { formatInTimezone, localDateTimeToUtc, DAY_MS } from "~/utils/time";

/** Summaries go out at 07:00 UK time, before most sessions start. */
const DIGEST_TIME = "07:00";
const DIGEST_TIMEZONE = "Europe/London";
/** An organisation's first summary covers the day before; a worker that was down catches up at most a week. */
const FIRST_WINDOW_MS = DAY_MS;
const LONGEST_WINDOW_MS = 7 * DAY_MS;
/** Beyond this many sessions the email points to the organiser's page for the rest. */
const MAX_SESSIONS = 30;

const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: DIGEST_TIMEZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The most recent summary time at or before `now` (07:00 in London, whatever the clocks are doing). */
export function latestDigestTime(now: Date): Date {
  const today = localDateTimeToUtc(localDate.format(now), DIGEST_TIME, DIGEST_TIMEZONE);
  if (today.getTime() <= now.getTime()) return today;
  // Not 07:00 yet today, so yesterday's: twelve hours before 07:00 today is the evening of yesterday's date.
  return localDateTimeToUtc(localDate.format(new Date(today.getTime() - DAY_MS / 2)), DIGEST_TIME, DIGEST_TIMEZONE);
}

/** The person booked it themselves, from their link (walk-ins are added by the organiser, who knows). */
const bookedByPerson = and(eq(referralEvents.kind, "booking"), eq(referralEvents.actorType, "person"), sql`${referralEvents.data}->>'action' = 'booked'`);

export async function sendBookingDigests(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const until = latestDigestTime(now);
  const db = await getDb();
  const due = await queryRows<{ id: string }>(
    db,
    sql`select distinct a.organisation_id as id
        from ${referralEvents} e
        join ${referrals} r on r.id = e.referral_id
        join ${activities} a on a.id = r.activity_id
        join ${organisations} o on o.id = a.organisation_id
        where e.kind = 'booking' and e.actor_type = 'person' and e.data->>'action' = 'booked'
          and e.at > ${new Date(until.getTime() - LONGEST_WINDOW_MS).toISOString()}::timestamptz
          and e.at <= ${until.toISOString()}::timestamptz
          and e.at > coalesce(o.booking_digest_through, ${new Date(until.getTime() - FIRST_WINDOW_MS).toISOString()}::timestamptz)`,
  );
  let sent = 0;
  for (const { id } of due) if (await sendDigest(db, id, until, now)) sent++;
  return sent;
}

/** One organisation's summary, under its row lock: a second worker finds the window already covered. */
function sendDigest(db: Db, organisationId: string, until: Date, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for("update");
    if (!organisation) return false;
    const since = new Date(
      Math.max(organisation.bookingDigestThrough?.getTime() ?? until.getTime() - FIRST_WINDOW_MS, until.getTime() - LONGEST_WINDOW_MS),
    );
    if (since >= until) return false;
    await tx.update(organisations).set({ bookingDigestThrough: until }).where(eq(organisations.id, organisationId));
    const rows = await tx
      .select({ bookingId: bookings.id, session: sessions, referral: referrals, activity: activities })
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .innerJoin(activities, eq(activities.id, referrals.activityId))
      .innerJoin(bookings, sql`${bookings.id} = (${referralEvents.data}->>'bookingId')::uuid`)
      .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
      .where(
        and(
          eq(activities.organisationId, organisationId),
          bookedByPerson,
          gt(referralEvents.at, since),
          lte(referralEvents.at, until),
          // Still booked, on a session still to come: a place given up since was emailed when it happened.
          eq(bookings.status, "booked"),
          eq(sessions.status, "scheduled"),
          gt(sessions.startsAt, now),
        ),
      )
      .orderBy(asc(sessions.startsAt), asc(sessions.id), asc(referralEvents.at));
    if (!rows.length) return false;

    const bySession = new Map<string, DigestSession>();
    const seen = new Set<string>();
    for (const { bookingId, session, referral, activity } of rows) {
      if (seen.has(bookingId)) continue;
      seen.add(bookingId);
      const entry = bySession.get(session.id) ?? { activityTitle: activity.title, when: formatSessionWhen(session.startsAt, session.endsAt, activity.timezone), people: [] };
      entry.people.push({ name: shortName(referral), code: referral.code });
      bySession.set(session.id, entry);
    }
    const all = [...bySession.values()];
    const message = organiserBookingDigestMessage({
      organisationName: organisation.name,
      since: formatInTimezone(since, DIGEST_TIMEZONE, "datetime"),
      count: seen.size,
      sessions: all.slice(0, MAX_SESSIONS),
      moreSessions: Math.max(0, all.length - MAX_SESSIONS),
      inboxUrl: `${publicUrl()}/organiser/referrals`,
    });
    const recipients = await organiserRecipients(tx, { organisationId, contactEmail: null });
    for (const to of new Set(recipients)) await queueMessage(tx, to, message);
    return recipients.length > 0;
  });
}
