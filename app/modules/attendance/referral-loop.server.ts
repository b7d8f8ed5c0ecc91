/**
 * Attendance drives the referral. After any change to a booking's attendance
 * (organiser's mark or the person's own report), in the same transaction:
 * the first attended session moves the referral to "attending" (and undoing
 * the only attended mark moves it back to "booked"); the stall flag is set or
 * cleared; reaching the activity's number of sessions completes it; and the
 * referrer is told (after a short wait, so a quick correction replaces the news).
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { activities, referrals } from "#db/schema";
import { loadAttendanceFacts, type Mark } from "~/modules/bookings/index.server";
import { clearStall, isFinal, raiseStall, transitionReferral, type Actor } from "~/modules/referrals/index.server";
import { statusAfterAttendance } from "./attending-rules";
import { reachedCompletionSessions } from "./completion-rules";
import { noticeAttendanceChange } from "./referral-notices.server";
import { attendanceStallChange } from "./no-show-stall-rules";

export interface AttendanceChange {
  bookingId: string;
  sessionId: string;
  /** "Tuesday 24 November 2026, 10:00 to 11:30", for the referrer's email. */
  when: string;
  /** The booking's answer after the change (organiser's mark, else the person's report). */
  mark: Mark | null;
  /** Whether that answer changed, so the referrer hears about news only. */
  changed: boolean;
  reportedBy: "organiser" | "person";
}

export async function reviewReferralAfterAttendance(
  tx: Tx,
  input: { referralId: string; actor: Actor; now: Date; change: AttendanceChange },
): Promise<void> {
  const { now, change } = input;
  const [found] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId)).for("update");
  if (!found) return;
  let referral = found;
  const facts = await loadAttendanceFacts(tx, referral.id);
  const context = { bookingId: change.bookingId, sessionId: change.sessionId };

  const next = statusAfterAttendance(referral.status, facts.attendedCount);
  if (next) {
    referral = await transitionReferral(tx, {
      referralId: referral.id,
      to: next,
      actor: input.actor,
      now,
      data: context,
      note: next === "booked" ? `The "attended" mark for ${change.when} was undone or changed, and no other session is marked attended` : null,
    });
  }

  let alerted = false;
  if (!isFinal(referral.status)) {
    const stall = attendanceStallChange({ stalledReason: referral.stalledAt ? (referral.stalledReason ?? "unknown") : null, marks: facts.marks });
    if (stall && "flag" in stall) {
      referral = await raiseStall(tx, referral, stall.flag, now);
      alerted = true;
    } else if (stall && "clear" in stall) {
      referral = await clearStall(
        tx,
        referral,
        now,
        facts.lastMark === "attended" ? "No longer stalled: went to a session" : "No longer stalled: a missed session was corrected",
      );
    }
  }

  if (referral.status === "attending" && referral.activityId) {
    const [activity] = await tx
      .select({ completionSessions: activities.completionSessions })
      .from(activities)
      .where(eq(activities.id, referral.activityId));
    if (reachedCompletionSessions(facts.attendedCount, activity?.completionSessions ?? null)) {
      referral = await transitionReferral(tx, {
        referralId: referral.id,
        to: "completed",
        actor: { type: "system" },
        now,
        note: `Went to ${facts.attendedCount} sessions, the number this activity asks for`,
        data: context,
      });
    }
  }

  // A stall alert already says what happened; one email is enough.
  if (change.changed) {
    await noticeAttendanceChange(tx, referral, {
      bookingId: change.bookingId,
      when: change.when,
      mark: change.mark,
      reportedBy: change.reportedBy,
      now,
      replacedByAlert: alerted,
    });
  }
}
