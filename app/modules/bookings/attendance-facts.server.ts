/** What happened so far for one referral: the answers per live booking, oldest session first. */
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { bookings, sessions } from "#db/schema";
import { effectiveAttendance, type Mark } from "./effective-attendance";

export interface AttendanceFacts {
  marks: Mark[];
  attendedCount: number;
  firstAttendedAt: Date | null;
  lastMark: Mark | null;
}

export async function loadAttendanceFacts(executor: Executor, referralId: string): Promise<AttendanceFacts> {
  const rows = await executor
    .select({ attendance: bookings.attendance, selfReported: bookings.selfReported, startsAt: sessions.startsAt })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .where(and(eq(bookings.referralId, referralId), eq(bookings.status, "booked")))
    .orderBy(asc(sessions.startsAt));
  const marks: Mark[] = [];
  let firstAttendedAt: Date | null = null;
  for (const row of rows) {
    const mark = effectiveAttendance(row);
    if (!mark) continue;
    marks.push(mark);
    if (mark === "attended" && !firstAttendedAt) firstAttendedAt = row.startsAt;
  }
  return {
    marks,
    attendedCount: marks.filter((m) => m === "attended").length,
    firstAttendedAt,
    lastMark: marks[marks.length - 1] ?? null,
  };
}
