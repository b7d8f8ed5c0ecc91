/**
 * The follow-up wellbeing check: sent once to the person (through a fresh
 * private link) after their 4th attended session or 6 weeks after the first;
 * their answers are stored beside the baseline.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Executor } from "#db/client";
import { activities, outcomeResponses, referrals } from "#db/schema";
import { effectiveAttendanceSql, loadAttendanceFacts } from "~/modules/bookings/index.server";
import { queueMessage } from "~/modules/notifications/index.server";
import { followUpMessage } from "./referral-messages";
import { followUpState, ucla3Score, type WellbeingCheckAnswers } from "~/modules/outcomes/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isFollowUpDue } from "./follow-up-rules";
import { personMessageKey } from "./notify.server";
import { extendPersonLink, findReferralByPersonToken, issuePersonLink } from "./person-link.server";
import { recordReferralEvent } from "./referral-events.server";
import { addDays } from "~/utils/time";

/** How long the follow-up link works. */
export const FOLLOW_UP_LINK_DAYS = 30;

/** Worker job: send the follow-up to everyone it is due for. */
export async function sendFollowUps(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  // Cheap pre-filter: someone attended (or said they went), or did a connection action; the rule decides.
  const candidates = await queryRows<{ id: string }>(
    db,
    sql`select r.id from referrals r
        where r.follow_up_sent_at is null and r.details_removed_at is null
          and ((r.status in ('booked', 'attending', 'completed', 'disengaged')
                and exists (select 1 from bookings b where b.referral_id = r.id and b.status = 'booked'
                            and ${effectiveAttendanceSql("b")} = 'attended'))
            or (r.status in ('accepted', 'booked', 'attending', 'completed', 'disengaged')
                and exists (select 1 from referral_actions a join action_logs l on l.referral_action_id = a.id
                            where a.referral_id = r.id and l.outcome = 'done')))
        limit 200`,
  );
  let sent = 0;
  for (const { id } of candidates) {
    const done = await db.transaction(async (tx) => {
      const [referral] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), isNull(referrals.followUpSentAt)))
        .for("update", { skipLocked: true });
      if (!referral) return false;
      const facts = await loadAttendanceFacts(tx, referral.id);
      const [actions] = await queryRows<{ done: number; first_day: string | Date | null }>(
        tx,
        sql`select count(*)::int as done, min(l.day) as first_day from referral_actions a join action_logs l on l.referral_action_id = a.id
            where a.referral_id = ${referral.id} and l.outcome = 'done'`,
      );
      const actionFacts = { actionsDone: Number(actions?.done ?? 0), firstActionDoneAt: actions?.first_day ? new Date(actions.first_day) : null };
      if (!isFollowUpDue({ ...referral, attendedCount: facts.attendedCount, firstAttendedAt: facts.firstAttendedAt, ...actionFacts }, now)) return false;
      await tx.update(referrals).set({ followUpSentAt: now, updatedAt: now }).where(eq(referrals.id, referral.id));
      if (!referral.personEmail) {
        await recordReferralEvent(tx, {
          referralId: referral.id,
          at: now,
          kind: "note",
          actor: { type: "system" },
          note: "The follow-up wellbeing check is due, but there is no email address to send it to. Ask the questions by phone.",
          data: { followUp: "no_email" },
        });
        return true;
      }
      const expiresAt = addDays(now, FOLLOW_UP_LINK_DAYS);
      const { url } = await issuePersonLink(tx, await extendPersonLink(tx, referral.id, expiresAt), now);
      const email = followUpMessage({
        firstName: referral.personFirstName,
        activityTitle: await activityTitleOf(tx, referral.activityId),
        url: `${url}/wellbeing`,
        code: referral.code,
      });
      await queueMessage(tx, referral.personEmail, email, { key: personMessageKey(referral.id) });
      await recordReferralEvent(tx, {
        referralId: referral.id,
        at: now,
        kind: "note",
        actor: { type: "system" },
        note: "Follow-up wellbeing check sent to the person",
        data: { followUp: "sent", attendedCount: facts.attendedCount },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** What the referral was for, in a few words: the activity's title, or the actions when there is no activity. */
async function activityTitleOf(executor: Executor, activityId: string | null): Promise<string> {
  if (!activityId) return "the actions you agreed";
  const [activity] = await executor.select({ title: activities.title }).from(activities).where(eq(activities.id, activityId));
  return activity?.title ?? "your activity";
}

/**
 * The referrer chose "they will answer by link" and the person has not yet
 * answered: their page asks these questions before anything else.
 */
export async function isBaselineDue(executor: Executor, referral: { id: string; baselineChoice: string | null }): Promise<boolean> {
  if (referral.baselineChoice !== "by_link") return false;
  const [answered] = await executor
    .select({ id: outcomeResponses.id })
    .from(outcomeResponses)
    .where(and(eq(outcomeResponses.referralId, referral.id), eq(outcomeResponses.phase, "baseline")))
    .limit(1);
  return !answered;
}

export type FollowUpPageState =
  | { kind: "not_found" }
  /** The "before" questions, asked by link because the referrer chose so. */
  | { kind: "baseline"; firstName: string; activityTitle: string }
  | { kind: "not_yet"; firstName: string; activityTitle: string }
  | { kind: "answered"; firstName: string; activityTitle: string }
  | { kind: "open"; firstName: string; activityTitle: string };

/** What the person's wellbeing page shows for their link. */
export async function loadFollowUp(token: string | undefined, options: { now?: Date } = {}): Promise<FollowUpPageState> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  const referral = await findReferralByPersonToken(db, token, now);
  if (!referral) return { kind: "not_found" };
  const base = { firstName: referral.personFirstName, activityTitle: await activityTitleOf(db, referral.activityId) };
  if (await isBaselineDue(db, referral)) return { kind: "baseline", ...base };
  return { kind: await followUpState(db, referral), ...base };
}

export type RecordFollowUpResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

/** Stores validated answers (the route parses them with wellbeingCheckSchema) once, with scores and events. */
export async function recordFollowUp(input: { token: string | undefined; answers: WellbeingCheckAnswers; now?: Date }): Promise<RecordFollowUpResult> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  const referral = await findReferralByPersonToken(db, input.token, now);
  if (!referral) return { ok: false, status: 404, error: "This link does not work any more. Please contact the person who referred you." };
  const phase = referral.baselineChoice === "by_link" && (await isBaselineDue(db, referral)) ? "baseline" : "follow_up";
  if (phase === "follow_up" && !referral.followUpSentAt) return { ok: false, status: 409, error: "The follow-up questions are not ready yet. We will email you when they are." };
  const a = input.answers;
  const ons4 = { life_satisfaction: a.life_satisfaction, worthwhile: a.worthwhile, happiness: a.happiness, anxiety: a.anxiety };
  const ucla3 = { lack_companionship: a.lack_companionship, left_out: a.left_out, isolated: a.isolated };
  const loneliness = ucla3Score(ucla3);
  return db.transaction(async (tx) => {
    // Locked so a double submit stores one set of answers.
    await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.id, referral.id)).for("update");
    const existing = await tx
      .select({ id: outcomeResponses.id })
      .from(outcomeResponses)
      .where(and(eq(outcomeResponses.referralId, referral.id), eq(outcomeResponses.phase, phase), inArray(outcomeResponses.instrument, ["ons4", "ucla3"])));
    if (existing.length) return { ok: false, status: 409, error: "You have already answered these questions. Thank you." } as const;
    await tx.insert(outcomeResponses).values([
      // ONS4 is four separate measures, so it has no single score.
      { referralId: referral.id, instrument: "ons4", phase, answers: ons4, score: null, createdAt: now },
      { referralId: referral.id, instrument: "ucla3", phase, answers: ucla3, score: loneliness, createdAt: now },
    ]);
    const person = { type: "person" } as const;
    await recordReferralEvent(tx, { referralId: referral.id, at: now, kind: "outcome", actor: person, data: { instrument: "ons4", phase, score: null, answers: ons4 } });
    await recordReferralEvent(tx, { referralId: referral.id, at: now, kind: "outcome", actor: person, data: { instrument: "ucla3", phase, score: loneliness } });
    return { ok: true } as const;
  });
}
