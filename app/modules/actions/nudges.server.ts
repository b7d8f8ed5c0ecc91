/**
 * Nudges: a short message at the time of day the person chose, by email or
 * text, asking about one of today's actions, with one-tap answers (and a
 * weekly summary instead, if they prefer). Each nudge has its own link
 * (/n/<id>.<secret>, the secret stored hashed) that answers it, stops the
 * messages or changes when they come, and nothing else.
 *
 * Nudges stop when the referral ends (nothing is due), when the person asks
 * (the link, or a text reply of STOP), and after three in a row go
 * unanswered; then the referrer is told. A reply to a stopped conversation
 * is ignored.
 */
import { and, desc, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { nudges, nudgeSettings, referralActions, referrals } from "#db/schema";
import { newToken, secretMatches, splitToken } from "~/modules/accounts/index.server";
import { queueMessage, queueText } from "~/modules/notifications/index.server";
import { isFinal, normaliseUkMobile, personRoute } from "~/modules/referrals";
import { messageReferrerOfReferral, personMessageKey, recordReferralEvent } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { publicUrl } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { DAY_MS } from "~/utils/time";
import { dailyNudgeEmail, dailyNudgeText, nudgeQuestion, unansweredMessage, weeklyDigestEmail, weeklyDigestText, type NudgeLinks } from "./nudge-messages";
import { isDigestDay, isNudgeWindow, readReply, tooManyUnanswered, UNANSWERED_LIMIT, type NudgeTime } from "./nudge-rules";
import { flagNudgesUnanswered } from "./not-followed.server";
import { logAction } from "./person-actions.server";
import { loadPlan } from "./plan.server";
import { dayOf, isOnTodaysList, rhythmLabel } from "./rhythm";

type Referral = typeof referrals.$inferSelect;
type Settings = typeof nudgeSettings.$inferSelect;

/** A nudge's link works for a week: long enough to answer late, short enough not to linger. */
const NUDGE_LINK_DAYS = 7;

/**
 * Nudges start with the first action: by the person's own route (email, or
 * text when they prefer texts or gave no email), in the morning, daily.
 * Called in the transaction that prescribes; an existing choice is kept.
 */
export async function ensureNudgeSettings(tx: Tx, referralId: string, now: Date): Promise<void> {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
  if (!referral) return;
  const route = personRoute({ email: referral.personEmail, phone: referral.personPhone, preferredContact: referral.preferredContact });
  await tx
    .insert(nudgeSettings)
    .values({ referralId, channel: route ? (route.by === "email" ? "email" : "text") : "none", updatedAt: now })
    .onConflictDoNothing();
}

function nudgeLinks(token: string): NudgeLinks {
  const page = `${publicUrl()}/n/${token}`;
  return { page, done: `${page}?answer=done`, notToday: `${page}?answer=not_this_time`, stop: `${page}?stop=1` };
}

/** Stops a referral's nudges (once), with the reason on the timeline. Returns whether this call stopped them. */
async function stopNudges(tx: Tx, referralId: string, reason: "person_asked" | "text_stop" | "unanswered", now: Date): Promise<boolean> {
  const stopped = await tx
    .update(nudgeSettings)
    .set({ stoppedAt: now, stoppedReason: reason, updatedAt: now })
    .where(and(eq(nudgeSettings.referralId, referralId), isNull(nudgeSettings.stoppedAt)))
    .returning({ channel: nudgeSettings.channel });
  if (!stopped.length) return false;
  const notes = {
    person_asked: "The person asked to stop the reminders about their actions",
    text_stop: "The person replied STOP: no more texts about their actions",
    unanswered: `Reminders stopped: the last ${UNANSWERED_LIMIT} went unanswered`,
  };
  await recordReferralEvent(tx, { referralId, kind: "note", actor: reason === "unanswered" ? { type: "system" } : { type: "person" }, note: notes[reason], data: { nudges: "stopped", reason }, at: now });
  return true;
}

interface Candidate {
  referral: Referral;
  settings: Settings;
}

/**
 * Worker job: sends the nudges that are due now. Each referral is handled
 * in its own transaction with its settings row locked, so two workers never
 * nudge twice (and the unique (referral, day, kind) index backs that up).
 */
export async function sendActionNudges(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const today = dayOf(now);
  const db = await getDb();
  const candidates = await db
    .select({ referralId: nudgeSettings.referralId })
    .from(nudgeSettings)
    .innerJoin(referrals, eq(referrals.id, nudgeSettings.referralId))
    .where(
      and(
        isNull(nudgeSettings.stoppedAt),
        ne(nudgeSettings.channel, "none"),
        isNull(referrals.detailsRemovedAt),
        sql`exists (select 1 from ${referralActions} a where a.referral_id = ${referrals.id} and a.stopped_at is null and a.starts_on <= ${today}::date and a.ends_on >= ${today}::date)`,
        sql`not exists (select 1 from ${nudges} n where n.referral_id = ${referrals.id} and n.day = ${today}::date)`,
      ),
    )
    .limit(500);
  let sent = 0;
  for (const { referralId } of candidates) {
    try {
      const done = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ referral: referrals, settings: nudgeSettings })
          .from(nudgeSettings)
          .innerJoin(referrals, eq(referrals.id, nudgeSettings.referralId))
          .where(and(eq(nudgeSettings.referralId, referralId), isNull(nudgeSettings.stoppedAt)))
          .for("update", { of: nudgeSettings, skipLocked: true });
        return row ? nudgeOne(tx, row, now) : false;
      });
      if (done) sent++;
    } catch (error) {
      logger.error({ err: error, referralId }, "nudge failed");
    }
  }
  return sent;
}

async function nudgeOne(tx: Tx, { referral, settings }: Candidate, now: Date): Promise<boolean> {
  if (isFinal(referral.status) || settings.channel === "none") return false;
  if (!isNudgeWindow(now, settings.timeOfDay as NudgeTime)) return false;
  const kind = settings.frequency;
  if (kind === "weekly" && !isDigestDay(now)) return false;
  const today = dayOf(now);

  const recent = await tx
    .select({ answeredAt: nudges.answeredAt, channel: nudges.channel })
    .from(nudges)
    .where(eq(nudges.referralId, referral.id))
    .orderBy(desc(nudges.sentAt))
    .limit(UNANSWERED_LIMIT);
  if (tooManyUnanswered(recent)) {
    if (await stopNudges(tx, referral.id, "unanswered", now)) {
      // The stall alert tells the referrer, with next steps; if already stalled for another reason, a short note does.
      if (!(await flagNudgesUnanswered(tx, referral.id, now))) {
        await messageReferrerOfReferral(tx, referral.id, (base) => unansweredMessage({ ...base, channel: recent[0].channel }));
      }
    }
    return false;
  }

  const plan = (await loadPlan(tx, referral.id))!;
  const dueToday = plan.actions.filter((a) => isOnTodaysList(a, a.answers, today));
  const unanswered = dueToday.filter((a) => !a.answers.some((x) => x.day === today));
  const asked = kind === "daily" ? unanswered[0] : undefined;
  if (kind === "daily" && !asked) return false;
  if (kind === "weekly" && dueToday.length === 0) return false;

  const route = personRoute({ email: referral.personEmail, phone: referral.personPhone, preferredContact: settings.channel === "text" ? "sms" : "email" });
  const channel = settings.channel === "text" ? (referral.personPhone ? "text" : null) : referral.personEmail ? "email" : null;
  if (!route || !channel) return false;

  const { id, token, secretHash } = newToken();
  await tx.insert(nudges).values({
    id,
    referralId: referral.id,
    day: today,
    kind,
    channel,
    referralActionId: asked?.id ?? null,
    secretHash,
    sentAt: now,
    expiresAt: new Date(now.getTime() + NUDGE_LINK_DAYS * DAY_MS),
  });
  const links = nudgeLinks(token);
  const key = { key: personMessageKey(referral.id) };
  const firstName = referral.personFirstName;
  if (channel === "email") {
    const message = asked
      ? dailyNudgeEmail({ firstName, title: asked.title, howTo: asked.howTo, links, code: referral.code })
      : weeklyDigestEmail({ firstName, lines: dueToday.map((a) => `${a.title} (${rhythmLabel(a).toLowerCase()})`), links, code: referral.code });
    await queueMessage(tx, referral.personEmail!, message, key);
  } else {
    const text = asked ? dailyNudgeText({ firstName, title: asked.title, links }) : weeklyDigestText({ firstName, count: dueToday.length, links });
    await queueText(tx, { to: referral.personPhone!, text: text.text, tail: text.tail }, key);
  }
  return true;
}

/** A nudge's link: the nudge, if the token is right and not expired, and the referral still has its details. */
async function findNudge(token: string, now: Date) {
  const parts = splitToken(token);
  if (!parts) return null;
  const db = await getDb();
  const [row] = await db
    .select({ nudge: nudges, referral: referrals, settings: nudgeSettings })
    .from(nudges)
    .innerJoin(referrals, eq(referrals.id, nudges.referralId))
    .innerJoin(nudgeSettings, eq(nudgeSettings.referralId, nudges.referralId))
    .where(eq(nudges.id, parts.id));
  if (!row || !secretMatches(parts.secret, row.nudge.secretHash)) return null;
  if (row.nudge.expiresAt <= now || row.referral.detailsRemovedAt) return null;
  return row;
}

export interface NudgePage {
  firstName: string;
  question: string | null;
  day: string;
  answered: "done" | "not_this_time" | null;
  canAnswer: boolean;
  stopped: boolean;
  channel: "email" | "text" | "none";
  timeOfDay: NudgeTime;
  frequency: "daily" | "weekly";
}

export async function loadNudgePage(token: string, now: Date = clockNow()): Promise<NudgePage | null> {
  const found = await findNudge(token, now);
  if (!found) return null;
  const db = await getDb();
  const plan = (await loadPlan(db, found.referral.id))!;
  const action = plan.actions.find((a) => a.id === found.nudge.referralActionId);
  const answer = action?.answers.find((a) => a.day === found.nudge.day);
  return {
    firstName: found.referral.personFirstName,
    question: action ? nudgeQuestion(action.title) : null,
    day: found.nudge.day,
    answered: answer?.outcome ?? null,
    // Answers are for the nudge's own day, which is today: an old nudge cannot rewrite a past day.
    canAnswer: !!action && found.nudge.day === dayOf(now) && !plan.ended,
    stopped: !!found.settings.stoppedAt,
    channel: found.settings.channel,
    timeOfDay: found.settings.timeOfDay as NudgeTime,
    frequency: found.settings.frequency,
  };
}

export type NudgeResult = { ok: true; message: string } | { ok: false; status: 404 | 409; message: string };

const linkGone: NudgeResult = { ok: false, status: 404, message: "This link has stopped working. Your page still has your actions." };

/** The one-tap answer from a nudge: today's answer for the action it asked about. */
export async function answerNudge(token: string, outcome: "done" | "not_this_time", now: Date = clockNow()): Promise<NudgeResult> {
  const found = await findNudge(token, now);
  if (!found) return linkGone;
  if (!found.nudge.referralActionId || found.nudge.day !== dayOf(now)) {
    return { ok: false, status: 409, message: "This message was about another day, so it cannot be answered now. Thank you all the same." };
  }
  const result = await logAction(found.referral.id, { actionId: found.nudge.referralActionId, outcome }, { now, via: "link" });
  return result.ok ? { ok: true, message: result.message } : { ok: false, status: result.status, message: result.message };
}

/** The person changes how they are nudged, or stops (from a nudge's link). */
export async function changeNudges(
  token: string,
  change: { intent: "stop" } | { intent: "restart" } | { intent: "settings"; channel: "email" | "text" | "none"; timeOfDay: NudgeTime; frequency: "daily" | "weekly" },
  now: Date = clockNow(),
): Promise<NudgeResult> {
  const found = await findNudge(token, now);
  if (!found) return linkGone;
  const db = await getDb();
  return db.transaction(async (tx): Promise<NudgeResult> => {
    const referralId = found.referral.id;
    if (change.intent === "stop") {
      await stopNudges(tx, referralId, "person_asked", now);
      return { ok: true, message: "Done. We will not send you any more reminders about your actions." };
    }
    if (change.intent === "restart") {
      await tx.update(nudgeSettings).set({ stoppedAt: null, stoppedReason: null, updatedAt: now }).where(eq(nudgeSettings.referralId, referralId));
      await recordReferralEvent(tx, { referralId, kind: "note", actor: { type: "person" }, note: "The person asked for the reminders about their actions again", data: { nudges: "restarted" }, at: now });
      return { ok: true, message: "The reminders will start again." };
    }
    if (change.channel === "text" && !found.referral.personPhone) return { ok: false, status: 409, message: "We do not have a mobile number for you. Ask the person who referred you to add one." };
    if (change.channel === "email" && !found.referral.personEmail) return { ok: false, status: 409, message: "We do not have an email address for you. Ask the person who referred you to add one." };
    await tx.update(nudgeSettings).set({ channel: change.channel, timeOfDay: change.timeOfDay, frequency: change.frequency, updatedAt: now }).where(eq(nudgeSettings.referralId, referralId));
    return { ok: true, message: change.channel === "none" ? "Done. We will not send reminders." : "Saved. Your reminders will come as you chose." };
  });
}

/**
 * A text from a person's phone (the provider's inbound callback, or the
 * development text inbox). STOP stops every conversation with that number;
 * YES or NO answers the newest nudge of today. Replies to a stopped
 * conversation, and anything else, are ignored. Returns what was done.
 */
export async function handleTextReply(from: string, body: string, now: Date = clockNow()): Promise<"stopped" | "answered" | "ignored"> {
  const number = normaliseUkMobile(from);
  const reply = readReply(body);
  if (!number || !reply) return "ignored";
  const db = await getDb();
  const live = await db
    .select({ referralId: nudgeSettings.referralId })
    .from(nudgeSettings)
    .innerJoin(referrals, eq(referrals.id, nudgeSettings.referralId))
    .where(and(eq(referrals.personPhone, number), eq(nudgeSettings.channel, "text"), isNull(nudgeSettings.stoppedAt)));
  if (live.length === 0) return "ignored";
  if (reply === "stop") {
    await db.transaction(async (tx) => {
      for (const { referralId } of live) await stopNudges(tx, referralId, "text_stop", now);
    });
    return "stopped";
  }
  const [latest] = await db
    .select()
    .from(nudges)
    .where(
      and(
        inArray(nudges.referralId, live.map((l) => l.referralId)),
        eq(nudges.channel, "text"),
        eq(nudges.day, dayOf(now)),
        gte(nudges.expiresAt, now),
        lte(nudges.sentAt, now),
      ),
    )
    .orderBy(desc(nudges.sentAt))
    .limit(1);
  if (!latest?.referralActionId) return "ignored";
  const result = await logAction(latest.referralId, { actionId: latest.referralActionId, outcome: reply }, { now, via: "text_reply" });
  return result.ok ? "answered" : "ignored";
}
