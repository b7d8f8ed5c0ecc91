/**
 * The stall rules for a prescription not followed, beyond the two missed
 * sessions and the never-booked place covered elsewhere: going and then
 * stopping, actions falling behind, reminders unanswered; each with its
 * reason in words and next steps, each clearing itself when the person
 * re-engages. Run on PGlite, and on PostgreSQL with DATABASE_URL set.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { actionLogs, outbox, referralActions, referralEvents, referrals } from "../../db/schema";
import { addDaysTo, dayOf } from "~/modules/actions";
import { addReferralAction, flagActionsNotFollowed, logActionByToken, sendActionNudges } from "~/modules/actions/index.server";
import { flagReferralsGoneQuiet, getReferralCase, sendFollowUps } from "~/modules/referrals/index.server";
import { localDateTimeToUtc } from "~/utils/time";
import { createActivity, createSession } from "../factories";
import { createBooking } from "../factories/referral-rows";
import { createReferrer, refer } from "../factories/referrals";

const DAY = 86_400_000;
const today = dayOf(new Date());

async function stallOf(referralId: string) {
  const db = await getDb();
  const [row] = await db.select({ stalledAt: referrals.stalledAt, stalledReason: referrals.stalledReason }).from(referrals).where(eq(referrals.id, referralId));
  return row;
}

async function setup() {
  const referrer = await createReferrer();
  const activity = await createActivity({ requiresScreening: false });
  const person = await refer(activity.id, referrer, { email: `p.${randomUUID().slice(0, 8)}@example.org` });
  return { referrer, activity, person };
}

/** A daily action that started `daysAgo` days ago (written directly: the form refuses a start in the past). */
async function dailyActionSince(referralId: string, daysAgo: number) {
  const db = await getDb();
  const [row] = await db
    .insert(referralActions)
    .values({ referralId, title: "Walk to the end of the road", rhythm: "daily", startsOn: addDaysTo(today, -daysAgo), endsOn: addDaysTo(today, 14) })
    .returning();
  return row;
}

describe("went to sessions, then nothing for three weeks", () => {
  it("is flagged with its reason and next steps, once, and not while something is booked", async () => {
    const { referrer, activity, person } = await setup();
    const db = await getDb();
    const past = await createSession(activity.id, { startsAt: new Date(Date.now() - 25 * DAY) });
    await createBooking(person.id, past.id, { attendance: "attended", createdAt: new Date(Date.now() - 26 * DAY) });
    await db.update(referrals).set({ status: "attending" }).where(eq(referrals.id, person.id));

    expect(await flagReferralsGoneQuiet({ days: 30 })).toBe(0);
    await flagReferralsGoneQuiet({ days: 21 });
    expect(await stallOf(person.id)).toMatchObject({ stalledReason: "stopped_after_attending" });
    const shown = await getReferralCase(person.id, [referrer.organisation.id]);
    expect(shown!.stalled!.reason).toBe("Went to sessions, then nothing booked or attended for three weeks");
    expect(shown!.stalled!.nextSteps.length).toBeGreaterThan(1);
    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id));
    expect(events.filter((e) => e.kind === "stalled")).toHaveLength(1);
    await flagReferralsGoneQuiet({ days: 21 });
    expect((await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id))).filter((e) => e.kind === "stalled")).toHaveLength(1);
  });

  it("is not flagged when the next session is booked", async () => {
    const { activity, person } = await setup();
    const db = await getDb();
    const past = await createSession(activity.id, { startsAt: new Date(Date.now() - 25 * DAY) });
    const next = await createSession(activity.id, { startsAt: new Date(Date.now() + 3 * DAY) });
    await createBooking(person.id, past.id, { attendance: "attended", createdAt: new Date(Date.now() - 26 * DAY) });
    await createBooking(person.id, next.id, { createdAt: new Date(Date.now() - 26 * DAY) });
    await db.update(referrals).set({ status: "attending" }).where(eq(referrals.id, person.id));
    await flagReferralsGoneQuiet({ days: 21 });
    expect((await stallOf(person.id)).stalledAt).toBeNull();
  });
});

describe("actions not followed", () => {
  it("fewer than half done over two weeks: flagged, the referrer told, and cleared when they do one", async () => {
    const { referrer, person } = await setup();
    const action = await dailyActionSince(person.id, 10);
    const db = await getDb();
    await db.insert(actionLogs).values([
      { referralActionId: action.id, day: addDaysTo(today, -9), outcome: "done", recordedAt: new Date() },
      { referralActionId: action.id, day: addDaysTo(today, -5), outcome: "done", recordedAt: new Date() },
    ]);
    await flagActionsNotFollowed();
    expect(await stallOf(person.id)).toMatchObject({ stalledReason: "actions_behind" });
    const alerts = (await db.select().from(outbox)).filter((m) => m.payload.to === referrer.user.email);
    expect(alerts.map((m) => String(m.payload.text)).join()).toContain("did fewer than half of their actions over the last two weeks");

    expect((await logActionByToken(person.token, { actionId: action.id, outcome: "done" })).ok).toBe(true);
    expect((await stallOf(person.id)).stalledAt).toBeNull();
  });

  it("is not judged on too little: a new plan, or half or more done", async () => {
    const fresh = await setup();
    await dailyActionSince(fresh.person.id, 3);
    const steady = await setup();
    const action = await dailyActionSince(steady.person.id, 10);
    const db = await getDb();
    await db.insert(actionLogs).values(
      [-1, -2, -3, -4, -5, -6, -7].map((d) => ({ referralActionId: action.id, day: addDaysTo(today, d), outcome: "done" as const, recordedAt: new Date() })),
    );
    await flagActionsNotFollowed();
    expect((await stallOf(fresh.person.id)).stalledAt).toBeNull();
    expect((await stallOf(steady.person.id)).stalledAt).toBeNull();
  });

  it("three reminders unanswered: flagged; an answer clears it and the reminders start again", async () => {
    const { referrer, person } = await setup();
    await addReferralAction({
      referralId: person.id,
      organisationIds: [referrer.organisation.id],
      userId: referrer.user.id,
      action: { title: "Walk to the end of the road", rhythm: "daily", startsOn: today, endsOn: addDaysTo(today, 13) },
    });
    const db = await getDb();
    const [action] = await db.select().from(referralActions).where(eq(referralActions.referralId, person.id));
    const at = (n: number) => localDateTimeToUtc(addDaysTo(today, n), "09:05", "Europe/London");
    for (const n of [0, 1, 2, 3]) await sendActionNudges({ now: at(n) });
    expect(await stallOf(person.id)).toMatchObject({ stalledReason: "nudges_unanswered" });
    await logActionByToken(person.token, { actionId: action.id, outcome: "not_this_time" }, at(3));
    expect((await stallOf(person.id)).stalledAt).toBeNull();
    const before = (await db.select().from(outbox)).length;
    await sendActionNudges({ now: at(4) });
    expect((await db.select().from(outbox)).length).toBeGreaterThan(before);
  });
});

describe("the follow-up wellbeing check", () => {
  it("is sent after twelve actions done, with no session attended", async () => {
    const { person } = await setup();
    const action = await dailyActionSince(person.id, 13);
    const db = await getDb();
    await db.insert(actionLogs).values(
      Array.from({ length: 12 }, (_, i) => ({ referralActionId: action.id, day: addDaysTo(today, -12 + i), outcome: "done" as const, recordedAt: new Date() })),
    );
    await sendFollowUps();
    const [row] = await db.select({ followUpSentAt: referrals.followUpSentAt, email: referrals.personEmail }).from(referrals).where(eq(referrals.id, person.id));
    expect(row.followUpSentAt).not.toBeNull();
    const mail = (await db.select().from(outbox)).filter((m) => m.payload.to === row.email);
    expect(mail.map((m) => String(m.payload.text)).join()).toContain("/wellbeing");
  });
});
