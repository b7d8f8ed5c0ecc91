/**
 * What happens to a schedule's future sessions when the schedule changes.
 * Pure: the database side (schedule-regeneration.server.ts) loads the sessions,
 * asks this planner, and applies the plan in one transaction.
 *
 * The rules:
 * - A session the organiser moved or resized by hand (detached) is theirs: untouched.
 * - A session still on the new schedule at the same times is untouched (it keeps
 *   its id, bookings and any cancellation).
 * - A session whose occurrence is still on the schedule but whose times changed
 *   (a new start time or length) is moved — unless people have booked it.
 * - A session no longer on the schedule is removed — unless people have booked it.
 * - A booked session is never moved or removed here: it stays as it was and is
 *   reported, so the organiser can move or cancel it (and people are told).
 *   The new schedule does not add a second session on that same day.
 * - Every new occurrence without a session gets one.
 */
import { type Occurrence } from "./schedule";
import { formatInTimezone } from "~/utils/time";

export interface ExistingSession {
  id: string;
  occurrenceAt: Date | null;
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "cancelled";
  detached: boolean;
  /** Bookings that are not cancelled (booked, waitlisted or offered). */
  liveBookings: number;
}

export interface RegenerationPlan {
  /** Sessions to move to new times (same occurrence, no bookings). */
  move: { id: string; startsAt: Date; endsAt: Date }[];
  remove: string[];
  insert: Occurrence[];
  /** Booked sessions that no longer match the schedule and were left where they were. */
  stranded: ExistingSession[];
}

const sameTimes = (s: ExistingSession, o: Occurrence) =>
  s.startsAt.getTime() === o.startsAt.getTime() && s.endsAt.getTime() === o.endsAt.getTime();

/**
 * `existing` are the schedule's sessions from now on; `occurrences` the new
 * schedule's occurrences over the same window. `timezone` decides what "the
 * same day" means for a stranded session.
 */
export function planRegeneration(
  existing: ExistingSession[],
  occurrences: Occurrence[],
  timezone: string,
): RegenerationPlan {
  const byOccurrence = new Map(occurrences.map((o) => [o.occurrenceAt.getTime(), o]));
  const plan: RegenerationPlan = { move: [], remove: [], insert: [], stranded: [] };
  const taken = new Set<number>();

  for (const session of existing) {
    const key = session.occurrenceAt?.getTime();
    const match = key === undefined ? undefined : byOccurrence.get(key);
    if (key !== undefined) taken.add(key);
    if (session.detached) continue;
    if (match && sameTimes(session, match)) continue;
    if (session.liveBookings > 0) {
      // A cancelled session stays cancelled; it is not one anyone expects to happen.
      if (session.status === "scheduled") plan.stranded.push(session);
      continue;
    }
    if (match) plan.move.push({ id: session.id, startsAt: match.startsAt, endsAt: match.endsAt });
    else {
      plan.remove.push(session.id);
      if (key !== undefined) taken.delete(key);
    }
  }

  const strandedDays = new Set(plan.stranded.map((s) => formatInTimezone(s.startsAt, timezone, "fullDate")));
  for (const occurrence of occurrences) {
    if (taken.has(occurrence.occurrenceAt.getTime())) continue;
    if (strandedDays.has(formatInTimezone(occurrence.startsAt, timezone, "fullDate"))) continue;
    plan.insert.push(occurrence);
  }
  return plan;
}
