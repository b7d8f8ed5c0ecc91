/**
 * Replays the demo referral stories (db/seed/demo-referrals.ts) through the
 * same domain verbs the pages call — refer, ask for a place, decline, book,
 * mark the register, say no thanks, answer the follow-up — each at its own
 * moment in the weeks before the demo is loaded, passed to the verb as `now`.
 * Nothing is inserted around the rules: a step the site would refuse (booking
 * a session that has started, marking a register that has not opened) stops
 * the replay with an error.
 *
 * Between the steps, the worker's time-driven jobs run every morning as if
 * the site had been up all along, so reminders, one-tap register links,
 * follow-up checks and stall flags happen in the past like everything else,
 * and the worker started afterwards finds nothing long overdue.
 *
 * Everything this history would have sent (emails and texts to made-up
 * people, alerts to the demo accounts) is settled unsent in the outbox:
 * a demo start never mails anyone, and the development mailbox does not
 * fill with messages about weeks that never happened.
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { bookings, referrals, sessions } from "#db/schema";
import type { DemoData } from "#db/seed/demo-data";
import type { DemoReferralStep, DemoReferralStory, DemoSessionRef, DemoWhen } from "#db/seed/demo-referrals";
import { completeFinishedProgrammes, markAttendance, sendRegisterLinks } from "~/modules/attendance/index.server";
import { discardPendingMessages, lastOutboxId } from "~/modules/notifications/index.server";
import { wellbeingCheckSchema } from "~/modules/outcomes/index.server";
import { sendBookingReminders, createReferrals, createSelfReferral, type OpenReferralsResult, expireIdleReferrals, recordFollowUp, sendFollowUps, decideReferral, performPersonAction, organiserDecisionSchema, personActionSchema, referralFormSchema, selfReferralFormSchema, passOnLapsedOffers, flagReferralsWithoutBooking } from "~/modules/referrals/index.server";
import { localDateTimeToUtc, HOUR_MS } from "~/utils/time";

const DAY = 24 * HOUR_MS;
/** A "past" session ended at least this long before the demo is loaded, so its register has been kept. */
const PAST_MARGIN = DAY;
/** A "next" session starts at least this long after, so it is still to come after a few days of trying the demo. */
const NEXT_MARGIN = 3 * DAY;
/** The stories' "days ago" are days in the place they happen. */
const TIMEZONE = "Europe/London";
/** The worker's morning round, in UTC. */
const MORNING_UTC_HOUR = 8;

export const DEMO_MESSAGE_NOTE = "Not sent: written by the demo's made-up history when the demo data was loaded";

/** The worker's jobs that depend on the time (app/modules/worker), as they would have run at `now`. */
function workerJobsAt(now: Date): (() => Promise<unknown>)[] {
  return [
    () => sendBookingReminders({ now }),
    () => sendRegisterLinks({ now }),
    () => flagReferralsWithoutBooking({ now }),
    () => completeFinishedProgrammes({ now }),
    () => sendFollowUps({ now }),
    () => passOnLapsedOffers({ now }),
    () => expireIdleReferrals({ now }),
  ];
}

type Session = typeof sessions.$inferSelect;

interface StoryState {
  referralId: string | null;
  token: string | null;
}

interface ReplayEvent {
  at: Date;
  /** The worker's rounds before steps at the same moment; then story and step order. */
  rank: [number, number, number];
  run: () => Promise<void>;
}

class DemoStoryError extends Error {
  constructor(story: DemoReferralStory, message: string) {
    super(`Demo referral "${story.key}" (${story.activityTitle}): ${message}`);
    this.name = "DemoStoryError";
  }
}

/**
 * Runs the worker's time-driven rounds once at `now`, as if it had been up all
 * along, and settles what they would have sent unsent: after rows written
 * around the verbs (the six months of history), the worker started next finds
 * nothing long overdue and mails no made-up person.
 */
export async function catchUpWorker(now: Date): Promise<void> {
  const db = await getDb();
  const before = await lastOutboxId(db);
  // A round works in batches: run each until it finds nothing more.
  for (const job of workerJobsAt(now)) for (let i = 0; i < 100 && Number(await job()) > 0; i++);
  await discardPendingMessages(db, { afterId: before, topics: ["email", "sms"], reason: DEMO_MESSAGE_NOTE });
}

/** Replays every story in time order. Throws (naming the story) when a step is refused. */
export async function playDemoReferrals(data: DemoData, stories: DemoReferralStory[], now: Date): Promise<void> {
  const db = await getDb();
  const outboxBefore = await lastOutboxId(db);
  try {
    const sessionsOf = await loadStorySessions(stories);
    const events: ReplayEvent[] = [];
    stories.forEach((story, storyIndex) => {
      const state: StoryState = { referralId: null, token: null };
      const session = (ref: DemoSessionRef) => pickSession(story, sessionsOf.get(story.activityId) ?? [], ref, now);
      story.steps.forEach((step, stepIndex) => {
        const at = resolveWhen(story, step.when, session, now);
        const target = "session" in step ? session(step.session) : null;
        events.push({ at, rank: [1, storyIndex, stepIndex], run: () => runStep(data, story, step, state, target, at) });
      });
    });

    // The worker's rounds: every morning from the first step to today. The real worker runs every few minutes;
    // a round a day costs a fraction of that, at the price of a follow-up going out the morning after it falls
    // due rather than within minutes.
    const first = Math.min(...events.map((e) => e.at.getTime()));
    for (let day = startOfUtcDay(first); day + MORNING_UTC_HOUR * HOUR_MS < now.getTime(); day += DAY) {
      const at = new Date(day + MORNING_UTC_HOUR * HOUR_MS);
      events.push({
        at,
        rank: [0, 0, 0],
        run: async () => {
          for (const job of workerJobsAt(at)) await job();
        },
      });
    }

    events.sort((a, b) => a.at.getTime() - b.at.getTime() || compareRanks(a.rank, b.rank));
    for (const event of events) await event.run();
  } finally {
    await discardPendingMessages(db, { afterId: outboxBefore, topics: ["email", "sms"], reason: DEMO_MESSAGE_NOTE });
  }
}

function compareRanks(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function startOfUtcDay(ms: number): number {
  return ms - (ms % DAY);
}

async function loadStorySessions(stories: DemoReferralStory[]): Promise<Map<string, Session[]>> {
  const db = await getDb();
  const byActivity = new Map<string, Session[]>();
  for (const activityId of new Set(stories.map((s) => s.activityId))) {
    byActivity.set(
      activityId,
      await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.activityId, activityId), eq(sessions.status, "scheduled")))
        .orderBy(asc(sessions.startsAt)),
    );
  }
  return byActivity;
}

function pickSession(story: DemoReferralStory, all: Session[], ref: DemoSessionRef, now: Date): Session {
  if ("past" in ref) {
    const past = all.filter((s) => s.endsAt.getTime() <= now.getTime() - PAST_MARGIN).reverse();
    const found = past[ref.past - 1];
    if (!found) throw new DemoStoryError(story, `needs ${ref.past} past sessions, but has ${past.length}`);
    return found;
  }
  const next = all.filter((s) => s.startsAt.getTime() >= now.getTime() + NEXT_MARGIN);
  const found = next[ref.next - 1];
  if (!found) throw new DemoStoryError(story, `needs ${ref.next} sessions to come, but has ${next.length}`);
  return found;
}

function resolveWhen(story: DemoReferralStory, when: DemoWhen, session: (ref: DemoSessionRef) => Session, now: Date): Date {
  let at: Date;
  if ("daysAgo" in when) {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIMEZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - when.daysAgo * DAY).toISOString().slice(0, 10);
    at = localDateTimeToUtc(day, when.at, TIMEZONE);
  } else if ("before" in when) {
    at = new Date(session(when.before).startsAt.getTime() - when.hours * HOUR_MS);
  } else {
    at = new Date(session(when.after).endsAt.getTime() + when.hours * HOUR_MS);
  }
  if (at.getTime() >= now.getTime()) throw new DemoStoryError(story, `a step falls at ${at.toISOString()}, not before the demo was loaded`);
  return at;
}

function userId(data: DemoData, story: DemoReferralStory, email: string): string {
  const user = data.users.find((u) => u.email === email);
  if (!user) throw new DemoStoryError(story, `no demo user ${email}`);
  return user.id;
}

function personFields(story: DemoReferralStory) {
  const { person } = story;
  return {
    requestId: story.requestId,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email ?? undefined,
    phone: person.phone ?? undefined,
    preferredContact: person.preferredContact,
    reasons: person.reasons,
    notes: person.notes ?? undefined,
    consent: true,
  };
}

function opened(story: DemoReferralStory, state: StoryState, result: OpenReferralsResult): void {
  if (result.kind !== "created") throw new DemoStoryError(story, `the referral was not made (${result.kind === "refused" ? result.message : result.kind})`);
  const [referral] = result.referrals;
  state.referralId = referral.id;
  state.token = referral.link ? referral.link.slice(referral.link.indexOf("/r/") + 3) : null;
}

async function runStep(data: DemoData, story: DemoReferralStory, step: DemoReferralStep, state: StoryState, session: Session | null, at: Date): Promise<void> {
  const needReferral = () => {
    if (!state.referralId) throw new DemoStoryError(story, `"${step.do}" comes before the referral is made`);
    // An emailed request for a place never shows its link, so a story cannot act as that person afterwards.
    if (!state.token) throw new DemoStoryError(story, `"${step.do}" needs the person's link, which an emailed request does not show: give them only a mobile, or have a referrer refer them`);
    return { referralId: state.referralId, token: state.token };
  };
  const asPerson = async (action: unknown) => {
    const result = await performPersonAction(needReferral().token, personActionSchema.parse(action), at);
    if (!result.ok) throw new DemoStoryError(story, `"${step.do}" was refused: ${result.message}`);
  };

  switch (step.do) {
    case "refer": {
      const by = userId(data, story, step.by);
      const organisationId = data.memberships.find((m) => m.userId === by)?.organisationId;
      if (!organisationId) throw new DemoStoryError(story, `${step.by} belongs to no organisation`);
      const values = referralFormSchema.parse({ ...personFields(story), activity: [story.activityId], ...(step.baseline
        ? { baselineChoice: "now", ons4: step.baseline.ons4, ucla3: step.baseline.ucla3 }
        : { baselineChoice: "not_appropriate", baselineReason: "Referred by phone: not the right moment for the questions" }) });
      opened(story, state, await createReferrals(values, { userId: by, organisationId }, at));
      return;
    }
    case "ask-for-a-place": {
      const result = await createSelfReferral(story.activityId, selfReferralFormSchema.parse(personFields(story)), {}, at);
      if (result.kind !== "received") throw new DemoStoryError(story, `the request was not made (${result.message})`);
      // The page never shows an emailed request's link, so only the referral is known here (later steps need a link).
      const db = await getDb();
      const [made] = await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.groupId, story.requestId));
      if (!made) throw new DemoStoryError(story, "the request was not made");
      state.referralId = made.id;
      state.token = result.shown ? result.shown.link.slice(result.shown.link.indexOf("/r/") + 3) : null;
      return;
    }
    case "decline": {
      const organisationId = data.activities.find((a) => a.id === story.activityId)!.organisationId;
      const decision = organiserDecisionSchema.parse({ intent: "decline", kind: step.kind, reason: step.reason });
      const result = await decideReferral({ referralId: needReferral().referralId, organisationIds: [organisationId], userId: userId(data, story, step.by), decision }, at);
      if (result.kind !== "declined") throw new DemoStoryError(story, `the organiser's answer was refused (${result.kind})`);
      return;
    }
    case "book":
      return asPerson({ intent: "book", sessionId: session!.id });
    case "say-no-thanks":
      return asPerson({ intent: "decline", reason: step.reason });
    case "mark": {
      const db = await getDb();
      const [booking] = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.referralId, needReferral().referralId), eq(bookings.sessionId, session!.id), eq(bookings.status, "booked")));
      if (!booking) throw new DemoStoryError(story, "marks a session the person is not booked on");
      await markAttendance({ sessionId: session!.id, bookingId: booking.id, attendance: step.attendance, access: { type: "user", userId: userId(data, story, step.by) }, now: at });
      return;
    }
    case "answer-follow-up": {
      const answers = wellbeingCheckSchema.parse({ ...step.answers.ons4, ...step.answers.ucla3 });
      const result = await recordFollowUp({ token: needReferral().token, answers, now: at });
      if (!result.ok) throw new DemoStoryError(story, `the follow-up answers were refused: ${result.error}`);
      return;
    }
  }
}
