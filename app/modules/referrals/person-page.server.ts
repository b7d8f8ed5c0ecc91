/** What the person sees on their private page: this referral only. */
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { getDb } from "#db/client";
import { sessions } from "#db/schema";
import { bookingStatusLabels, canSelfReport, isLiveBooking, listReferralBookings, waitlistPosition } from "~/modules/bookings/index.server";
import { formatCost, formatSessionWhen, accessibilityFeatures, joiningMode } from "~/modules/activities/index.server";
import { followUpState } from "~/modules/outcomes/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isBaselineDue } from "./follow-up.server";
import { canUndoCancellation, undoCancelUntil } from "./cancel-undo";
import { recentUndoableCancellations } from "./cancel-undo.server";
import { bookableStatuses, statusLabels } from "./lifecycle";
import { openPersonLink } from "./person-link.server";
import { activityContact, activityWhere, type ReferralContext } from "./referral-context.server";
import { formatInTimezone, DAY_MS } from "~/utils/time";

/** Sessions offered at first: enough to choose from without a phone page of "Book" buttons. */
export const SESSIONS_SHOWN_FIRST = 4;
/** With "More dates". */
const SESSIONS_SHOWN = 12;
/** Sessions they went to (or missed) stay on the page this long, so they can say whether they went. */
const PAST_SESSIONS_DAYS = 28;

export type PersonPageResult =
  | { status: "ok"; page: PersonPage }
  /** A referral of connection actions only: its page is the actions page. */
  | { status: "actions_only" }
  | { status: "expired" }
  | { status: "ended" }
  | { status: "invalid" };
export type PersonPage = Awaited<ReturnType<typeof buildPage>>;

export async function loadPersonPage(token: string, now: Date = clockNow(), options: { allDates?: boolean } = {}): Promise<PersonPageResult> {
  const db = await getDb();
  const link = await openPersonLink(db, token, now);
  if (link.status !== "ok") return link;
  if (!link.context) return { status: "actions_only" };
  return { status: "ok", page: await buildPage(link.context, now, options.allDates ? SESSIONS_SHOWN : SESSIONS_SHOWN_FIRST) };
}

async function buildPage(ctx: ReferralContext, now: Date, shown: number) {
  const db = await getDb();
  const { referral, activity } = ctx;
  const tz = activity.timezone;

  const mine = await listReferralBookings(db, referral.id);
  const liveBySession = new Map(mine.filter((m) => isLiveBooking(m.booking)).map((m) => [m.session.id, m.booking]));

  const upcoming = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.activityId, activity.id), gte(sessions.startsAt, now), inArray(sessions.status, ["scheduled", "cancelled"])))
    .orderBy(asc(sessions.startsAt))
    // One more than shown, to know whether there are more dates.
    .limit(shown + 1);

  const hasUpcomingPlace = mine.some((m) => m.booking.status === "booked" && m.session.endsAt.getTime() > now.getTime());
  const canBook = bookableStatuses.includes(referral.status);
  const undoable = canBook ? await recentUndoableCancellations(db, referral.id, now) : new Set<string>();

  const myBookings = await Promise.all(
    mine
      // Upcoming ones, recent cancellations (their calendar file tells the calendar it is off), and the
      // last few weeks' sessions they had a place on (to say whether they went); not a long history.
      .filter((m) => {
        const ago = now.getTime() - m.session.endsAt.getTime();
        return ago < 7 * DAY_MS || (m.booking.status === "booked" && ago < PAST_SESSIONS_DAYS * DAY_MS);
      })
      .map(async ({ booking, session }) => ({
        id: booking.id,
        status: booking.status,
        statusLabel: bookingStatusLabels[booking.status],
        when: formatSessionWhen(session.startsAt, session.endsAt, tz),
        sessionCancelled: session.status === "cancelled",
        cancelReason: session.cancelReason,
        isPast: session.startsAt.getTime() <= now.getTime(),
        offerExpires: booking.status === "offered" && booking.offerExpiresAt ? formatInTimezone(booking.offerExpiresAt, tz, "datetime") : null,
        waitlistPosition: booking.status === "waitlisted" ? await waitlistPosition(db, booking) : null,
        canSelfReport: canSelfReport(booking, session, now),
        selfReported: booking.selfReported,
        // The person's own cancellation moments ago (a referral that has ended took its bookings with it).
        canUndo: undoable.has(booking.id) && canUndoCancellation(booking, session, now) && !liveBySession.has(session.id),
        undoUntil: booking.cancelledAt ? formatInTimezone(undoCancelUntil(booking.cancelledAt), tz, "time") : null,
      })),
  );

  return {
    referral: {
      code: referral.code,
      firstName: referral.personFirstName,
      status: referral.status,
      statusLabel: statusLabels[referral.status],
      declineReason: referral.declineReason,
      referredBy: ctx.referrerOrganisationName,
      canBook,
    },
    activity: {
      title: activity.title,
      summary: activity.summary,
      description: activity.description,
      organisationName: ctx.providerName,
      cost: formatCost(activity.costType, activity.costPence),
      costDetails: activity.costDetails,
      referralOffer: activity.referralOffer,
      accessibility: activity.accessibility.map((k) => accessibilityFeatures[k as keyof typeof accessibilityFeatures] ?? k),
      online: activity.online,
      where: activityWhere(activity),
      contact: activityContact(activity),
      // The joining link is for people with a place.
      joiningUrl: activity.online && hasUpcomingPlace ? activity.onlineUrl : null,
      joining: joiningMode(activity),
    },
    bookings: myBookings,
    /** The follow-up wellbeing questions have been sent and are waiting for their answers. */
    wellbeingCheckDue: (await followUpState(db, referral)) === "open",
    /** The referrer chose "they will answer by link": the "before" questions come first. */
    baselineDue: await isBaselineDue(db, referral),
    moreDates: upcoming.length > shown,
    sessions: upcoming.slice(0, shown).map((s) => {
      const placesLeft = Math.max(0, s.capacity - s.bookedCount);
      const my = liveBySession.get(s.id);
      return {
        id: s.id,
        when: formatSessionWhen(s.startsAt, s.endsAt, tz),
        cancelled: s.status === "cancelled",
        cancelReason: s.cancelReason,
        placesLeft,
        myStatus: my?.status ?? null,
      };
    }),
  };
}
