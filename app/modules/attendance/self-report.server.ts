/**
 * The person's own word, from their private link: "I went" / "I couldn't go".
 * Kept apart from the organiser's mark (bookings.self_reported); it counts
 * only while the organiser has not marked the register.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings } from "#db/schema";
import { canSelfReport, effectiveAttendance, type SelfReport } from "~/modules/bookings/index.server";
import { recordReferralEvent, findReferralByPersonToken } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { reviewReferralAfterAttendance } from "./referral-loop.server";
import { loadSessionContext } from "./session-context.server";

export interface SelfReportView {
  firstName: string;
  activityTitle: string;
  when: string;
  selfReported: SelfReport | null;
  /** True once the session has started: before that there is nothing to report. */
  open: boolean;
}

export type SelfReportResult = { ok: true } | { ok: false; status: number; error: string };

async function findBooking(token: string | undefined, bookingId: string | undefined, now: Date) {
  const db = await getDb();
  const referral = await findReferralByPersonToken(db, token, now);
  if (!referral || !isUuid(bookingId)) return null;
  const [booking] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.referralId, referral.id), eq(bookings.status, "booked")));
  if (!booking) return null;
  const context = await loadSessionContext(db, booking.sessionId);
  if (!context) return null;
  return { referral, booking, context };
}

/** What the self-report page shows, or null when the link or booking is not theirs (404). */
export async function loadSelfReport(token: string | undefined, bookingId: string | undefined, options: { now?: Date } = {}): Promise<SelfReportView | null> {
  const now = options.now ?? clockNow();
  const found = await findBooking(token, bookingId, now);
  if (!found) return null;
  const { referral, booking, context } = found;
  return {
    firstName: referral.personFirstName,
    activityTitle: context.activity.title,
    when: context.when,
    selfReported: booking.selfReported,
    open: canSelfReport(booking, context.session, now),
  };
}

export async function recordSelfReport(input: {
  token: string | undefined;
  bookingId: string | undefined;
  report: SelfReport;
  now?: Date;
}): Promise<SelfReportResult> {
  const now = input.now ?? clockNow();
  const found = await findBooking(input.token, input.bookingId, now);
  if (!found) return { ok: false, status: 404, error: "We could not find that booking. The link may have expired." };
  const { context } = found;
  if (context.session.status === "cancelled") return { ok: false, status: 409, error: "This session was cancelled." };
  if (now < context.session.startsAt) {
    return { ok: false, status: 409, error: "This session has not happened yet. You can tell us how it went once it has started." };
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [booking] = await tx.select().from(bookings).where(eq(bookings.id, found.booking.id)).for("update");
    if (booking.selfReported === input.report) return;
    const before = effectiveAttendance(booking);
    const [updated] = await tx
      .update(bookings)
      .set({ selfReported: input.report, selfReportedAt: now, updatedAt: now })
      .where(eq(bookings.id, booking.id))
      .returning();
    await recordReferralEvent(tx, {
      referralId: booking.referralId,
      at: now,
      kind: "self_report",
      actor: { type: "person" },
      data: {
        bookingId: booking.id,
        sessionId: context.session.id,
        startsAt: context.session.startsAt.toISOString(),
        selfReported: input.report,
        previous: booking.selfReported,
      },
    });
    const after = effectiveAttendance(updated);
    await reviewReferralAfterAttendance(tx, {
      referralId: booking.referralId,
      actor: { type: "person" },
      now,
      change: { bookingId: booking.id, sessionId: context.session.id, when: context.when, mark: after, changed: after !== before, reportedBy: "person" },
    });
  });
  return { ok: true };
}
