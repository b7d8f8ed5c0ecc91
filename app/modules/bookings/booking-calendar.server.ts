/**
 * One booking as an iCalendar file, so the person can add it to their phone's
 * calendar. Kept small on purpose: the activity calendars (interop) can absorb
 * it later. The UID is the booking's id, so a second download (e.g. after a
 * cancellation, with STATUS:CANCELLED and a higher SEQUENCE) updates the same
 * entry instead of adding another.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export interface BookingCalendarEntry {
  bookingId: string;
  cancelled: boolean;
  /** Changes each time the booking changes, so calendars take the newer copy. */
  updatedAt: Date;
  createdAt: Date;
  activityTitle: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  /** The person's private page, where they can cancel or rebook. */
  manageUrl: string;
  joiningUrl: string | null;
  reference: string;
  organiserContact: string | null;
  /** The organisation running the activity: RFC 5546 wants an ORGANIZER on a published event. */
  organizer: { name: string; email: string };
}

export function bookingUid(bookingId: string): string {
  return `booking-${bookingId}@linkway`;
}

export function bookingCalendar(entry: BookingCalendarEntry): string {
  const calendar = ical({
    prodId: { company: "Linkway", product: "Linkway bookings", language: "EN" },
    name: entry.activityTitle,
    // PUBLISH with STATUS:CANCELLED is how a calendar learns an entry is off.
    method: ICalCalendarMethod.PUBLISH,
  });
  const description = [
    entry.cancelled ? "This booking has been cancelled." : null,
    entry.joiningUrl && !entry.cancelled ? `Join online: ${entry.joiningUrl}` : null,
    `See, change or cancel your booking: ${entry.manageUrl}`,
    entry.organiserContact ? `Questions? Contact ${entry.organiserContact}` : null,
    `Your reference: ${entry.reference}`,
  ]
    .filter(Boolean)
    .join("\n");
  // Times are written in UTC: every calendar shows them in the reader's own zone.
  calendar.createEvent({
    id: bookingUid(entry.bookingId),
    start: entry.startsAt,
    end: entry.endsAt,
    stamp: entry.updatedAt,
    created: entry.createdAt,
    lastModified: entry.updatedAt,
    // Whole seconds since the booking was made: grows with every change.
    sequence: Math.max(0, Math.floor((entry.updatedAt.getTime() - entry.createdAt.getTime()) / 1000)),
    summary: entry.cancelled ? `Cancelled: ${entry.activityTitle}` : entry.activityTitle,
    description,
    location: entry.location,
    url: entry.manageUrl,
    status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: entry.organizer,
  });
  return calendar.toString();
}
