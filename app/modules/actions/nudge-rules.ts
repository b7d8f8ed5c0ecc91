/**
 * When a nudge may go: at or after the time of day the person chose, never
 * in quiet hours (21:00 to 08:00, their clock), at most one a day (a weekly
 * summary only on Mondays), and not after three in a row went unanswered.
 * Pure: the worker passes the facts and `now`.
 */
import { wallClockAt } from "~/utils/time";
import { SITE_TIMEZONE } from "./rhythm";

export type NudgeTime = "morning" | "afternoon" | "evening";

/** The hour each choice starts (local time). */
export const nudgeHours: Record<NudgeTime, number> = { morning: 9, afternoon: 14, evening: 18 };

export const nudgeTimeLabels: Record<NudgeTime, string> = {
  morning: "In the morning (from 9am)",
  afternoon: "In the afternoon (from 2pm)",
  evening: "In the early evening (from 6pm)",
};

export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** After this many unanswered nudges in a row, nudges stop and the referrer is told. */
export const UNANSWERED_LIMIT = 3;

export function isQuietHour(now: Date, timezone = SITE_TIMEZONE): boolean {
  const { hour } = wallClockAt(now, timezone);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/**
 * Whether a nudge chosen for `time` may go now. A nudge missed by the
 * evening (the worker was down) waits for the next day rather than arriving
 * at night.
 */
export function isNudgeWindow(now: Date, time: NudgeTime, timezone = SITE_TIMEZONE): boolean {
  if (isQuietHour(now, timezone)) return false;
  return wallClockAt(now, timezone).hour >= nudgeHours[time];
}

/** Monday is the day of the weekly summary. */
export function isDigestDay(now: Date, timezone = SITE_TIMEZONE): boolean {
  const w = wallClockAt(now, timezone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() === 1;
}

/** True when the newest `UNANSWERED_LIMIT` nudges (newest first) were all left unanswered. */
export function tooManyUnanswered(newestFirst: readonly { answeredAt: Date | null }[]): boolean {
  return newestFirst.length >= UNANSWERED_LIMIT && newestFirst.slice(0, UNANSWERED_LIMIT).every((n) => n.answeredAt === null);
}

const stopWords = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const yesWords = new Set(["YES", "Y", "YEP", "YEAH", "DONE", "DID"]);
const noWords = new Set(["NO", "N", "NOPE", "NOT", "NOT TODAY"]);

/** What a text reply says: stop, yes, no, or nothing we understand. */
export function readReply(body: string): "stop" | "done" | "not_this_time" | null {
  const word = body.trim().toUpperCase().replace(/[.!]+$/, "");
  if (stopWords.has(word)) return "stop";
  if (yesWords.has(word)) return "done";
  if (noWords.has(word)) return "not_this_time";
  return null;
}
