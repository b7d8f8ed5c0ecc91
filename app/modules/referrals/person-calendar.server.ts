import { and, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { bookingCalendar } from "~/modules/bookings/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";
import { calendarOrganizer } from "~/utils/calendar-organizer.server";
import { openPersonLink } from "./person-link.server";
import { activityContact, activityWhere } from "./referral-context.server";

export type CalendarFileResult = { status: "ok"; body: string; filename: string } | { status: "expired" | "ended" | "invalid" | "not_found" };

/** The .ics for one of the person's bookings (a cancelled one says STATUS:CANCELLED). */
export async function personBookingCalendar(token: string, bookingId: string, now: Date = clockNow()): Promise<CalendarFileResult> {
  const db = await getDb();
  const link = await openPersonLink(db, token, now);
  if (link.status !== "ok") return link;
  // A referral of connection actions only has no activity, so no sessions to put in a calendar.
  const ctx = link.context;
  if (!ctx) return { status: "not_found" };
  const [row] = await db
    .select({ booking: bookings, session: sessions })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.referralId, link.referral.id)));
  // Only places that were really booked go in a calendar (not waitlist places).
  if (!row || row.booking.status === "waitlisted" || row.booking.status === "offered") return { status: "not_found" };
  const cancelled = row.booking.status === "cancelled" || row.session.status === "cancelled";
  const body = bookingCalendar({
    bookingId: row.booking.id,
    cancelled,
    createdAt: row.booking.createdAt,
    updatedAt: [row.booking.updatedAt, row.session.updatedAt].reduce((a, b) => (a > b ? a : b)),
    activityTitle: ctx.activity.title,
    startsAt: row.session.startsAt,
    endsAt: row.session.endsAt,
    location: activityWhere(ctx.activity),
    manageUrl: `${publicUrl()}/r/${token}`,
    joiningUrl: ctx.activity.online ? ctx.activity.onlineUrl : null,
    reference: ctx.referral.code,
    organiserContact: activityContact(ctx.activity),
    organizer: calendarOrganizer(ctx.providerName, ctx.activity.contactEmail),
  });
  const date = row.session.startsAt.toISOString().slice(0, 10);
  return { status: "ok", body, filename: `linkway-${ctx.referral.code}-${date}.ics` };
}
