/** When a referral is complete without the referrer saying so. Pure rules over facts. */

/** The activity's own number of sessions for a course (null: no such number). */
export function reachedCompletionSessions(attendedCount: number, completionSessions: number | null): boolean {
  return completionSessions != null && completionSessions > 0 && attendedCount >= completionSessions;
}

/**
 * A programme ends with its last session, but only when every schedule has an
 * end date: an open-ended weekly group never "ends".
 */
export function programmeEnd(facts: { hasOpenEndedSchedule: boolean; lastSessionEndsAt: Date | null }): Date | null {
  if (facts.hasOpenEndedSchedule) return null;
  return facts.lastSessionEndsAt;
}

export function programmeHasEnded(
  facts: { hasOpenEndedSchedule: boolean; lastSessionEndsAt: Date | null },
  now: Date,
): boolean {
  const end = programmeEnd(facts);
  return end !== null && end <= now;
}
