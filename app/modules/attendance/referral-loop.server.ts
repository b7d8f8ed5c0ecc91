/**
 * Attendance drives the referral. After any change to a booking's attendance
 * (organiser's mark or the person's own report), in the same transaction:
 * the first attended session moves the referral to "attending"; the stall
 * flag is set or cleared; reaching the activity's number of sessions
 * completes it; and the referrer is told.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { activities, referrals } from "#db/schema";
import { transitionReferral, type Actor } from "../referrals/transition-referral.server";
import { loadAttendanceFacts } from "./attendance-facts.server";
import { reachedCompletionSessions } from "./completion-rules";
import type { Mark } from "./effective-attendance";
import { queueAttendanceNotice } from "./referral-notices.server";
import { clearStall, flagStalled } from "./stall.server";
import { attendanceStallChange } from "./stall-rules";

const closed = new Set(["completed", "withdrawn", "expired", "declined", "disengaged"]);

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

  if (facts.attendedCount > 0 && referral.status === "booked") {
    referral = await transitionReferral(tx, { referralId: referral.id, to: "attending", actor: input.actor, now, data: context });
  }

  let alerted = false;
  if (!closed.has(referral.status)) {
    const stall = attendanceStallChange({ stalledReason: referral.stalledAt ? (referral.stalledReason ?? "unknown") : null, marks: facts.marks });
    if (stall && "flag" in stall) {
      referral = await flagStalled(tx, referral, stall.flag, now);
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

  if (referral.status === "attending") {
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
  if (change.changed && change.mark && !alerted) {
    await queueAttendanceNotice(tx, referral, { when: change.when, mark: change.mark, reportedBy: change.reportedBy });
  }
}
