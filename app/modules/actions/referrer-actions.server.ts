/**
 * A referral's actions as its referrer sees them: each action with its
 * rhythm, dates and this week, adherence over the last two weeks, and done
 * against due week by week (the chart and its table), plus the library for
 * adding more. Another organisation's referral is "not found" (null).
 */
import { getDb } from "#db/client";
import { now as clockNow } from "~/utils/clock.server";
import { findReferrerTeamReferral } from "~/modules/referrals/index.server";
import { formatInTimezone } from "~/utils/time";
import { listLibrary } from "./library.server";
import { loadPlan, type Plan } from "./plan.server";
import { defaultPlanDates } from "./prescribe.server";
import { addDaysTo, adherence, type Adherence, adherenceWords, dayOf, isActiveOn, rhythmLabel, SITE_TIMEZONE, weekStart, weekSummary } from "./rhythm";
import { outcomeLabels } from "./vocabulary";

const dayWords = (day: string) => formatInTimezone(new Date(`${day}T12:00:00Z`), SITE_TIMEZONE, "date");

/** Done of due over the last 14 days (today included), over all the plan's actions. */
export function recentAdherence(plan: Plan, today: string): Adherence {
  const from = addDaysTo(today, -13);
  return plan.actions.reduce<Adherence>(
    (sum, a) => {
      const one = adherence(a, a.answers, from, today, today);
      return { done: sum.done + one.done, due: sum.due + one.due };
    },
    { done: 0, due: 0 },
  );
}

/** Done and due per week (Monday to Sunday), from the first action's start to this week. */
export function weeklyAdherence(plan: Plan, today: string): { weekOf: string; done: number; due: number }[] {
  if (plan.actions.length === 0) return [];
  const first = plan.actions.map((a) => a.startsOn).sort()[0];
  const weeks: { weekOf: string; done: number; due: number }[] = [];
  for (let monday = weekStart(first); monday <= today; monday = addDaysTo(monday, 7)) {
    const sunday = addDaysTo(monday, 6);
    let done = 0;
    let due = 0;
    for (const a of plan.actions) {
      const one = adherence(a, a.answers, monday, sunday, today);
      done += one.done;
      due += one.due;
    }
    weeks.push({ weekOf: monday, done, due });
  }
  return weeks.slice(-12);
}

function state(a: Plan["actions"][number], today: string): string {
  if (a.stoppedAt) return `Stopped ${dayWords(dayOf(a.stoppedAt))}`;
  if (a.startsOn > today) return `Starts ${dayWords(a.startsOn)}`;
  if (a.endsOn < today) return `Finished ${dayWords(a.endsOn)}`;
  if (a.stoppedOn && a.stoppedOn <= today) return "Ended with the referral";
  return "Under way";
}

export async function loadReferralActions(referralId: string, organisationIds: string[], now: Date = clockNow()) {
  const db = await getDb();
  if (!(await findReferrerTeamReferral(db, referralId, organisationIds))) return null;
  const plan = (await loadPlan(db, referralId))!;
  const today = dayOf(now);
  const library = plan.ended ? [] : await listLibrary();
  return {
    ended: plan.ended,
    actions: plan.actions.map((a) => ({
      id: a.id,
      title: a.title,
      howTo: a.howTo,
      rhythm: rhythmLabel(a),
      dates: `${dayWords(a.startsOn)} to ${dayWords(a.endsOn)}`,
      state: state(a, today),
      canStop: !a.stoppedAt && !plan.ended && a.endsOn >= today,
      thisWeek: isActiveOn(a, today) ? weekSummary(a, a.answers, today).replace(/^You did/, "Did").replace(/^You have done/, "Has done") : null,
      recent: adherenceWords(adherence(a, a.answers, addDaysTo(today, -13), today, today)),
      // The person's notes are for their referrer: the newest few, with the day and answer.
      notes: a.answers
        .filter((x) => x.note)
        .slice(-3)
        .reverse()
        .map((x) => ({ day: dayWords(x.day), outcome: outcomeLabels[x.outcome], note: x.note! })),
    })),
    recent: recentAdherence(plan, today),
    weeks: weeklyAdherence(plan, today).map((w) => ({ ...w, label: `Week of ${dayWords(w.weekOf)}` })),
    library: library.map((l) => ({ id: l.id, group: l.group, title: l.title, rhythm: rhythmLabel(l) })),
    defaults: defaultPlanDates(now),
  };
}

export type ReferralActionsView = NonNullable<Awaited<ReturnType<typeof loadReferralActions>>>;
