/**
 * The follow-up wellbeing check: triggered by attendance, sent through a
 * fresh private link, answers validated (out-of-range refused, nothing
 * written), stored with scores, compared with the baseline.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { outcomeResponses, referralEvents, referrals } from "../../db/schema";
import { findReferralByPersonToken, sendFollowUps } from "~/modules/referrals/index.server";
import { now } from "~/utils/clock.server";
import { markAttendance } from "~/modules/attendance/index.server";
import { getOutcomeComparison } from "~/modules/outcomes/index.server";
import * as selfReportRoute from "~/routes/r.$token_.bookings.$bookingId.self-report/route";
import * as wellbeingRoute from "~/routes/r.$token_.wellbeing/route";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createBaseline, createBooking, createPersonLink, createReferral } from "../factories/referral-rows";
import { requestAs } from "../setup/auth";
import { DAY_MS, HOUR_MS } from "~/utils/time";
import { emailsTo } from "../factories/mail";

const args = (request: Request, params: Record<string, string>) => ({ request, params, context: {} }) as never;

function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const r = result as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: r.init?.status ?? 200, body: r.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

/** A referral with `attended` attended weekly sessions, the first `firstDaysAgo` days ago. */
async function attendingReferral(options: { attended: number; firstDaysAgo: number; personEmail?: string | null }) {
  const provider = await createOrganisation({ kind: "provider" });
  const organiser = await createUser();
  await addMember(provider.id, organiser.id, "owner");
  const activity = await createActivity({ organisationId: provider.id });
  const referral = await createReferral({
    activityId: activity.id,
    status: "booked",
    createdAt: new Date(Date.now() - (options.firstDaysAgo + 7) * DAY_MS),
    ...(options.personEmail !== undefined ? { personEmail: options.personEmail } : {}),
  });
  for (let i = 0; i < options.attended; i++) {
    const session = await createSession(activity.id, { startsAt: new Date(Date.now() - (options.firstDaysAgo - i * 7) * DAY_MS) });
    const booking = await createBooking(referral.id, session.id);
    // Marked on the day, as the organiser would have.
    const onTheDay = new Date(session.startsAt.getTime() + 3_600_000);
    await markAttendance({ sessionId: session.id, bookingId: booking.id, attendance: "attended", access: { type: "user", userId: organiser.id }, now: onTheDay });
  }
  return { referral, activity, organiser };
}

function wellbeingToken(text: string): string {
  const match = /\/r\/([a-z0-9]+\.[a-z0-9]+)\/wellbeing/.exec(text);
  if (!match) throw new Error(`no wellbeing link in: ${text}`);
  return match[1];
}

const goodAnswers = { life_satisfaction: "7", worthwhile: "8", happiness: "6", anxiety: "2", lack_companionship: "1", left_out: "2", isolated: "1" };

async function responseCount(referralId: string) {
  const db = await getDb();
  return (await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, referralId))).length;
}

describe("the follow-up trigger", () => {
  it("sends after the 4th attended session, once, with a working private link", async () => {
    const three = await attendingReferral({ attended: 3, firstDaysAgo: 21 });
    const four = await attendingReferral({ attended: 4, firstDaysAgo: 28 });
    await sendFollowUps();
    expect(await emailsTo(three.referral.personEmail!)).toHaveLength(0);
    const mail = await emailsTo(four.referral.personEmail!);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain("How are you now?");
    const token = wellbeingToken(mail[0].text);
    expect((await findReferralByPersonToken(await getDb(), token, now()))?.id).toBe(four.referral.id);
    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.id, four.referral.id));
    expect(row.followUpSentAt).not.toBeNull();
    expect(row.linkExpiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    await sendFollowUps();
    expect(await emailsTo(four.referral.personEmail!)).toHaveLength(1);
  });

  it("sends six weeks after the first attended session", async () => {
    const early = await attendingReferral({ attended: 1, firstDaysAgo: 40 });
    const due = await attendingReferral({ attended: 1, firstDaysAgo: 43 });
    await sendFollowUps();
    expect(await emailsTo(early.referral.personEmail!)).toHaveLength(0);
    expect(await emailsTo(due.referral.personEmail!)).toHaveLength(1);
  });

  it("notes on the referral when there is no email address to send it to", async () => {
    const { referral } = await attendingReferral({ attended: 4, firstDaysAgo: 28, personEmail: null });
    await sendFollowUps();
    const db = await getDb();
    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, referral.id));
    expect(events.at(-1)).toMatchObject({ kind: "note", data: { followUp: "no_email" } });
  });
});

describe("answering the follow-up", () => {
  it("refuses out-of-range and missing answers next to the field, writing nothing", async () => {
    const { referral } = await attendingReferral({ attended: 4, firstDaysAgo: 28 });
    await sendFollowUps();
    const token = wellbeingToken((await emailsTo(referral.personEmail!))[0].text);
    const page = await wellbeingRoute.loader(args(await requestAs(null, `/r/${token}/wellbeing`), { token }));
    expect(page).toMatchObject({ state: { kind: "open", firstName: "Margaret" } });

    const bad = { ...goodAnswers, life_satisfaction: "11", isolated: "4", anxiety: "-1" } as Record<string, string>;
    delete bad.happiness;
    const result = unwrap(await wellbeingRoute.action(args(await requestAs(null, `/r/${token}/wellbeing`, { form: bad }), { token })));
    expect(result.status).toBe(400);
    const errors = (result.body.reply as { error: Record<string, string[]> }).error;
    expect(errors.life_satisfaction).toEqual(["Choose a number from 0 to 10"]);
    expect(errors.anxiety).toEqual(["Choose a number from 0 to 10"]);
    expect(errors.happiness?.[0]).toContain("Choose a number");
    expect(errors.isolated).toEqual(["Choose one of the answers"]);
    expect(errors.worthwhile).toBeUndefined();
    expect(await responseCount(referral.id)).toBe(0);
  });

  it("stores both instruments with scores and outcome events, once", async () => {
    const { referral } = await attendingReferral({ attended: 4, firstDaysAgo: 28 });
    await sendFollowUps();
    const token = wellbeingToken((await emailsTo(referral.personEmail!))[0].text);
    const ok = unwrap(await wellbeingRoute.action(args(await requestAs(null, `/r/${token}/wellbeing`, { form: goodAnswers }), { token })));
    expect(ok).toMatchObject({ status: 200, body: { done: true } });
    const db = await getDb();
    const stored = await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, referral.id));
    expect(stored.map((r) => [r.instrument, r.phase, r.score]).sort()).toEqual([
      ["ons4", "follow_up", null],
      ["ucla3", "follow_up", 4],
    ]);
    const events = (await db.select().from(referralEvents).where(eq(referralEvents.referralId, referral.id))).filter((e) => e.kind === "outcome");
    expect(events.map((e) => e.data)).toMatchObject([
      { instrument: "ons4", phase: "follow_up" },
      { instrument: "ucla3", phase: "follow_up", score: 4 },
    ]);
    const again = unwrap(await wellbeingRoute.action(args(await requestAs(null, `/r/${token}/wellbeing`, { form: goodAnswers }), { token })));
    expect(again.status).toBe(409);
    expect(await responseCount(referral.id)).toBe(2);
  });

  it("is not open before the follow-up is sent, and refuses a bad link", async () => {
    const { referral } = await attendingReferral({ attended: 1, firstDaysAgo: 3 });
    const token = await createPersonLink(referral.id);
    expect(await wellbeingRoute.loader(args(await requestAs(null, `/r/${token}/wellbeing`), { token }))).toMatchObject({ state: { kind: "not_yet" } });
    const early = unwrap(await wellbeingRoute.action(args(await requestAs(null, `/r/${token}/wellbeing`, { form: goodAnswers }), { token })));
    expect(early.status).toBe(409);
    const bad = "abc.def";
    await expect(wellbeingRoute.loader(args(await requestAs(null, `/r/${bad}/wellbeing`), { token: bad }))).rejects.toMatchObject({ status: 404 });
    expect(await responseCount(referral.id)).toBe(0);
  });
});

describe("baseline against follow-up", () => {
  it("gives each measure's change and the sessions attended in between", async () => {
    const { referral } = await attendingReferral({ attended: 4, firstDaysAgo: 28 });
    await createBaseline(
      referral.id,
      { ons4: { life_satisfaction: 3, worthwhile: 8, happiness: 4, anxiety: 7 }, ucla3: { lack_companionship: 3, left_out: 3, isolated: 2 } },
      new Date(Date.now() - 35 * DAY_MS),
    );
    const before = await getOutcomeComparison(referral.id);
    expect(before).toMatchObject({ followUpAt: null, sessionsAttendedBetween: 4 });
    await sendFollowUps();
    const token = wellbeingToken((await emailsTo(referral.personEmail!))[0].text);
    await wellbeingRoute.action(args(await requestAs(null, `/r/${token}/wellbeing`, { form: goodAnswers }), { token }));
    const comparison = await getOutcomeComparison(referral.id);
    const m = Object.fromEntries(comparison!.measures.map((x) => [x.key, x]));
    expect(comparison?.sessionsAttendedBetween).toBe(4);
    expect(comparison?.followUpSentAt).not.toBeNull();
    expect(m.life_satisfaction).toMatchObject({ baseline: { value: 3, band: "Low" }, followUp: { value: 7, band: "High" }, change: 4, direction: "better" });
    expect(m.anxiety).toMatchObject({ change: -5, direction: "better" });
    expect(m.loneliness).toMatchObject({ baseline: { value: 8, band: "Lonely" }, followUp: { value: 4, band: "Not lonely" }, change: -4 });
    expect(await getOutcomeComparison("not-an-id")).toBeNull();
  });
});

describe("the person's self-report page", () => {
  it("records I went from their link and thanks them", async () => {
    const { referral, activity } = await attendingReferral({ attended: 0, firstDaysAgo: 0 });
    const session = await createSession(activity.id, { startsAt: new Date(Date.now() - 2 * HOUR_MS) });
    const booking = await createBooking(referral.id, session.id);
    const token = await createPersonLink(referral.id);
    const params = { token, bookingId: booking.id };
    const page = await selfReportRoute.loader(args(await requestAs(null, `/r/${token}/bookings/${booking.id}/self-report`), params));
    expect(page).toMatchObject({ view: { open: true, activityTitle: activity.title } });
    const bad = unwrap(await selfReportRoute.action(args(await requestAs(null, "/x", { form: { report: "maybe" } }), params)));
    expect(bad.status).toBe(400);
    const ok = unwrap(await selfReportRoute.action(args(await requestAs(null, "/x", { form: { report: "went" } }), params)));
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row.status).toBe("attending");
  });
});
