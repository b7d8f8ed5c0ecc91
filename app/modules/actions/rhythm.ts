/**
 * Rhythms and due days of connection actions. Pure and browser-safe: every
 * function takes the day or the instant it is about.
 *
 * Days are calendar days ("2026-03-29") in the site's time zone, so a day is
 * a day whatever the clocks do: 00:30 on the morning the clocks change is
 * already the new day, and a week is always seven of them (Monday to Sunday).
 *
 * "Due" counts what can no longer be done, plus what was done: today is not
 * over, so an action not yet done today is not counted missed, and a weekly
 * target is missed only when too few days are left in the week to reach it.
 * That keeps adherence kind (never "0 of 3" on a Monday morning) and honest.
 */
import { DAY_MS, SITE_TIMEZONE, wallClockAt } from "~/utils/time";

export { SITE_TIMEZONE };

export type Rhythm = "once" | "daily" | "weekly";

export interface RhythmSpec {
  rhythm: Rhythm;
  /** Weekly only: 1–7. */
  timesPerWeek: number | null;
}

export interface PlannedAction extends RhythmSpec {
  startsOn: string;
  endsOn: string;
  /** The first day it no longer applies (the referrer took it off the plan, or the referral ended), if any. */
  stoppedOn?: string | null;
}

export interface DayAnswer {
  day: string;
  outcome: "done" | "not_this_time";
}

/** The calendar day an instant falls on, in the site's zone (or another). */
export function dayOf(instant: Date, timezone = SITE_TIMEZONE): string {
  const w = wallClockAt(instant, timezone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

function toUtc(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDaysTo(day: string, days: number): string {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** The Monday of the week a day is in. */
export function weekStart(day: string): string {
  const weekday = (new Date(toUtc(day)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDaysTo(day, -weekday);
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/** The last day the action applies: its end, or the day before it was stopped. */
export function lastActiveDay(action: PlannedAction): string {
  return action.stoppedOn ? minDay(action.endsOn, addDaysTo(action.stoppedOn, -1)) : action.endsOn;
}

export function isActiveOn(action: PlannedAction, day: string): boolean {
  return day >= action.startsOn && day <= lastActiveDay(action);
}

/** Active days of the action between two days (inclusive). */
function activeDaysWithin(action: PlannedAction, from: string, to: string): number {
  const start = maxDay(from, action.startsOn);
  const end = minDay(to, lastActiveDay(action));
  return end < start ? 0 : daysBetween(start, end) + 1;
}

/** "Every day", "3 times a week", "Once". */
export function rhythmLabel(spec: RhythmSpec): string {
  if (spec.rhythm === "daily") return "Every day";
  if (spec.rhythm === "once") return "Once";
  const n = spec.timesPerWeek ?? 1;
  return n === 1 ? "Once a week" : n === 7 ? "Every day of the week" : `${n} times a week`;
}

function doneDays(answers: readonly DayAnswer[], action: PlannedAction): string[] {
  return answers.filter((a) => a.outcome === "done" && isActiveOn(action, a.day)).map((a) => a.day);
}

/** Whether the action is still to do today: on the list for the person's "today". */
export function isOnTodaysList(action: PlannedAction, answers: readonly DayAnswer[], today: string): boolean {
  if (!isActiveOn(action, today)) return false;
  const done = doneDays(answers, action);
  if (action.rhythm === "daily") return true;
  if (action.rhythm === "once") return done.every((d) => d === today);
  const monday = weekStart(today);
  const doneThisWeekBeforeToday = done.filter((d) => d >= monday && d < today).length;
  return doneThisWeekBeforeToday < (action.timesPerWeek ?? 1);
}

export interface Adherence {
  done: number;
  due: number;
}

/**
 * Done and due between `from` and `to` (inclusive), judged on `today`: days
 * after today are not counted, and see the file's note on what "due" means.
 * Done is capped at what was asked (a fourth walk in a "3 times a week"
 * week does not make up for a missed week).
 */
export function adherence(action: PlannedAction, answers: readonly DayAnswer[], from: string, to: string, today: string): Adherence {
  const end = minDay(to, today);
  if (end < from) return { done: 0, due: 0 };
  const done = doneDays(answers, action);
  const doneIn = (a: string, b: string) => done.filter((d) => d >= a && d <= b).length;

  if (action.rhythm === "daily") {
    const doneCount = doneIn(from, end);
    const doneToday = end === today && done.includes(today) ? 1 : 0;
    const closedDays = activeDaysWithin(action, from, end === today ? addDaysTo(today, -1) : end);
    return { done: doneCount, due: closedDays + doneToday };
  }

  if (action.rhythm === "once") {
    const doneDay = done.sort()[0];
    if (doneDay) return doneDay >= from && doneDay <= end ? { done: 1, due: 1 } : { done: 0, due: 0 };
    const last = lastActiveDay(action);
    // Missed only once its last day is over.
    return last >= from && last <= end && last < today ? { done: 0, due: 1 } : { done: 0, due: 0 };
  }

  const target = action.timesPerWeek ?? 1;
  const total: Adherence = { done: 0, due: 0 };
  for (let monday = weekStart(from); monday <= end; monday = addDaysTo(monday, 7)) {
    const sunday = addDaysTo(monday, 6);
    const activeInWeek = activeDaysWithin(action, monday, sunday);
    if (activeInWeek === 0) continue;
    // A week counts in the window that holds its last active day, or in the one holding today while it runs,
    // so back-to-back windows (the weeks of a chart) count each week once.
    const weekLast = minDay(sunday, lastActiveDay(action));
    const current = monday <= today && today <= sunday;
    if (!(current ? today >= from && today <= to : weekLast >= from && weekLast <= to)) continue;
    // Fewer active days than the target (a plan starting on a Saturday) lowers that week's target.
    const weekTarget = Math.min(target, activeInWeek);
    const doneInWeek = Math.min(weekTarget, doneIn(monday, minDay(sunday, today)));
    const daysLeft = activeDaysWithin(action, addDaysTo(today, 1), sunday);
    const missed = Math.max(0, weekTarget - doneInWeek - daysLeft);
    total.done += doneInWeek;
    total.due += doneInWeek + missed;
  }
  return total;
}

/**
 * Adherence over a whole plan: every action from its first day to its last
 * active one, judged on `today`. What the GP summary and the exports report;
 * missed is what was due and not done ("Not this time" or no answer).
 */
export function planAdherence(actions: readonly (PlannedAction & { answers: readonly DayAnswer[] })[], today: string): Adherence & { missed: number; share: number | null } {
  const sum = actions.reduce<Adherence>(
    (acc, a) => {
      const one = adherence(a, a.answers, a.startsOn, lastActiveDay(a), today);
      return { done: acc.done + one.done, due: acc.due + one.due };
    },
    { done: 0, due: 0 },
  );
  return { ...sum, missed: sum.due - sum.done, share: adherenceShare(sum) };
}

/** Done as a whole percentage of due; null while nothing is due (0 of 0 is not 0%). */
export function adherenceShare(a: Adherence): number | null {
  return a.due === 0 ? null : Math.round((100 * a.done) / a.due);
}

/** "3 of 4 done (75%)", or "Nothing due yet". */
export function adherenceWords(a: Adherence): string {
  if (a.due === 0) return "Nothing due yet";
  return `${a.done} of ${a.due} done (${adherenceShare(a)}%)`;
}

/** Times done this week so far (Monday to today). */
export function doneThisWeek(action: PlannedAction, answers: readonly DayAnswer[], today: string): number {
  const monday = weekStart(today);
  return doneDays(answers, action).filter((d) => d >= monday && d <= today).length;
}

/** A kind line about the week, never a streak: "You did this 3 times this week." */
export function weekSummary(action: PlannedAction, answers: readonly DayAnswer[], today: string): string {
  const n = doneThisWeek(action, answers, today);
  if (action.rhythm === "once") return n > 0 ? "You have done this. Well done." : "Whenever you are ready.";
  if (n === 0) return "Not yet this week. Every small step counts.";
  const times = n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
  if (action.rhythm === "weekly" && n >= (action.timesPerWeek ?? 1)) return `You did this ${times} this week. That is what you planned. Well done.`;
  return `You did this ${times} this week.`;
}
