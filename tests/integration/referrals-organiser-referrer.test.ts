import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { queuedEmails } from "../factories/mail";
import { bookings, referralEvents, referrals, sessions } from "../../db/schema";
import { action as decideAction, loader as organiserReferralLoader } from "~/routes/organiser.referrals.$id/route";
import { loader as inboxLoader } from "~/routes/organiser.referrals._index/route";
import { loader as sessionPeopleLoader } from "~/routes/organiser.sessions.$id.bookings/route";
import { loader as caseloadLoader } from "~/routes/referrals._index/route";
import { action as withdrawAction, loader as caseLoader } from "~/routes/referrals.$id/route";
import { action as personAction } from "~/routes/r.$token/route";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { createBooking, createReferral } from "../factories/referral-rows";
import { callRoute } from "../setup/routes";

async function book(token: string, sessionId: string) {
  return callRoute(personAction, await requestAs(null, `/r/${token}`, { form: { intent: "book", sessionId } }), { token });
}

async function screenedReferral() {
  const organiser = await createOrganiser();
  const referrer = await createReferrer();
  const activity = await createActivity({ organisationId: organiser.organisation.id, requiresScreening: true });
  const session = await createSession(activity.id);
  const person = await refer(activity.id, referrer);
  return { organiser, referrer, activity, session, person };
}

describe("organiser inbox", () => {
  it("lists new referrals for my activities only, with what the referral shares", async () => {
    const { organiser, person } = await screenedReferral();
    const other = await screenedReferral();
    const { body } = await callRoute(inboxLoader, await requestAs(organiser.user.id, "/organiser/referrals"));
    expect(body.waiting.map((r: { id: string }) => r.id)).toEqual([person.id]);
    expect(body.waiting[0].name).toBe("Margaret T.");
    expect(JSON.stringify(body)).not.toContain(other.person.id);
    const detail = await callRoute(organiserReferralLoader, await requestAs(organiser.user.id, "/x"), { id: person.id });
    expect(detail.body.referral.person).toMatchObject({ name: "Margaret T.", code: person.code, notes: "Uses a walking stick", reasons: ["Loneliness or isolation"] });
    expect(JSON.stringify(detail.body)).not.toContain("Thompson");
  });

  it("accepts: the person is told they can book; deciding twice is a 409 that writes nothing", async () => {
    const { organiser, person } = await screenedReferral();
    const res = await callRoute(decideAction, await requestAs(organiser.user.id, "/x", { form: { intent: "accept" } }), { id: person.id });
    expect(res.status).toBe(302);
    const db = await getDb();
    expect((await db.select().from(referrals).where(eq(referrals.id, person.id)))[0].status).toBe("accepted");
    const mail = await queuedEmails();
    expect(mail.some((m) => String(m.subject).startsWith("You can now book"))).toBe(true);
    const before = await snapshotCounts();
    const again = await callRoute(decideAction, await requestAs(organiser.user.id, "/x", { form: { intent: "decline", kind: "full", reason: "Full" } }), { id: person.id });
    expect(again.status).toBe(409);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("declines with a reason: the referrer and the person are told", async () => {
    const { organiser, referrer, person } = await screenedReferral();
    const missing = await callRoute(decideAction, await requestAs(organiser.user.id, "/x", { form: { intent: "decline", reason: "" } }), { id: person.id });
    expect(missing.body.error.reason[0]).toMatch(/Say why/);
    expect(missing.body.error.kind[0]).toMatch(/Choose the main reason/);
    await callRoute(decideAction, await requestAs(organiser.user.id, "/x", { form: { intent: "decline", kind: "not_suitable", reason: "The group is for over-65s" } }), { id: person.id });
    const db = await getDb();
    const [row] = await db.select().from(referrals).where(eq(referrals.id, person.id));
    expect(row).toMatchObject({ status: "declined", declineReason: "The group is for over-65s", declineReasonKind: "not_suitable" });
    const mail = await queuedEmails();
    expect(mail.some((m) => m.to === referrer.user.email && String(m.text).includes("over-65s"))).toBe(true);
    expect(mail.some((m) => String(m.subject).startsWith("About your referral") && String(m.text).includes("over-65s"))).toBe(true);
  });

  it("an organiser cannot see or decide a referral to another organisation (404, nothing written)", async () => {
    const { person } = await screenedReferral();
    const stranger = await createOrganiser();
    const before = await snapshotCounts();
    expect((await callRoute(organiserReferralLoader, await requestAs(stranger.user.id, "/x"), { id: person.id })).status).toBe(404);
    expect((await callRoute(decideAction, await requestAs(stranger.user.id, "/x", { form: { intent: "accept" } }), { id: person.id })).status).toBe(404);
    expect((await callRoute(organiserReferralLoader, await requestAs(stranger.user.id, "/x"), { id: "not-a-uuid" })).status).toBe(404);
    expect(await snapshotCounts()).toEqual(before);
    const referrer = await createReferrer();
    expect((await callRoute(inboxLoader, await requestAs(referrer.user.id, "/organiser/referrals"))).status).toBe(403);
  });

  it("shows who is coming to a session (only to its organisation)", async () => {
    const organiser = await createOrganiser();
    const referrer = await createReferrer();
    const activity = await createActivity({ organisationId: organiser.organisation.id });
    const session = await createSession(activity.id);
    const person = await refer(activity.id, referrer, { phone: "+447700900123" });
    await book(person.token, session.id);
    const { body } = await callRoute(sessionPeopleLoader, await requestAs(organiser.user.id, "/x"), { id: session.id });
    expect(body.coming).toEqual([expect.objectContaining({ name: "Margaret T.", code: person.code, phone: "07700 900123", status: "Booked", notes: "Uses a walking stick" })]);
    const inbox = await callRoute(inboxLoader, await requestAs(organiser.user.id, "/organiser/referrals"));
    expect(inbox.body.sessions[0]).toMatchObject({ id: session.id, booked: 1 });
    const stranger = await createOrganiser();
    expect((await callRoute(sessionPeopleLoader, await requestAs(stranger.user.id, "/x"), { id: session.id })).status).toBe(404);
  });
});

describe("referrer caseload", () => {
  it("lists only my organisation's referrals, filters by status and activity, and puts those needing attention first", async () => {
    const referrer = await createReferrer();
    const walk = await createActivity();
    const choir = await createActivity({ requiresScreening: true });
    const session = await createSession(walk.id);
    const booked = await refer(walk.id, referrer, { firstName: "Alice" });
    const waiting = await refer(choir.id, referrer, { firstName: "Bob" });
    const stalled = await refer(walk.id, referrer, { firstName: "Cath" });
    await book(booked.token, session.id);
    const db = await getDb();
    await db.update(referrals).set({ stalledAt: new Date() }).where(eq(referrals.id, stalled.id));
    const otherOrg = await createReferrer();
    const theirs = await refer(walk.id, otherOrg);

    const list = async (qs = "") => (await callRoute(caseloadLoader, await requestAs(referrer.user.id, `/referrals${qs}`))).body.caseload;
    const all = await list();
    expect(all.total).toBe(3);
    expect(all.rows.map((r: { id: string }) => r.id)).not.toContain(theirs.id);
    expect(all.rows[0]).toMatchObject({ id: stalled.id, attention: "Stalled" });
    const bookedRow = all.rows.find((r: { id: string }) => r.id === booked.id);
    expect(bookedRow).toMatchObject({ statusLabel: "Booked" });
    expect(bookedRow.nextSession).toBeTruthy();
    expect(bookedRow.lastEvent.kind).toBeTruthy();
    expect((await list("?status=sent")).rows.map((r: { id: string }) => r.id)).toEqual([waiting.id]);
    expect((await list(`?activity=${choir.id}`)).rows.map((r: { id: string }) => r.id)).toEqual([waiting.id]);
    expect((await list("?sort=name")).rows.map((r: { name: string }) => r.name.split(" ")[0])).toEqual(["Alice", "Bob", "Cath"]);
    // Bad filter values fall back rather than fail.
    expect((await list("?status=nonsense&sort=sideways&page=-3")).total).toBe(3);
  });

  it("needs attention first: stalled, declined, did not attend their last session, expired or stopped going; then the rest", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const day = 86_400_000;
    const earlier = await createSession(activity.id, { startsAt: new Date(Date.now() - 14 * day) });
    const later = await createSession(activity.id, { startsAt: new Date(Date.now() - 7 * day) });
    const make = async (firstName: string, values: Partial<typeof referrals.$inferInsert>, marks: ("attended" | "no_show")[] = []) => {
      const row = await createReferral({ activityId: activity.id, referrerOrganisationId: referrer.organisation.id, personFirstName: firstName, ...values });
      for (const [i, attendance] of marks.entries()) await createBooking(row.id, [earlier, later][i].id, { attendance });
      return row;
    };
    const ago = (days: number) => new Date(Date.now() - days * day);
    await make("Closed", { status: "completed", stalledAt: ago(3) });
    await make("Going", { status: "attending" }, ["no_show", "attended"]);
    await make("Waiting", { status: "sent" });
    await make("Expired", { status: "expired", statusChangedAt: ago(1) });
    await make("Stopped", { status: "disengaged", statusChangedAt: ago(2) });
    await make("Missed", { status: "attending" }, ["attended", "no_show"]);
    await make("Declined", { status: "declined" });
    await make("Stalled", { status: "attending", stalledAt: ago(1), stalledReason: "two_no_shows" }, ["no_show", "no_show"]);

    const { body } = await callRoute(caseloadLoader, await requestAs(referrer.user.id, "/referrals?sort=attention"));
    const rows = body.caseload.rows as { name: string; attention: string | null }[];
    expect(rows.map((r) => [r.name.split(" ")[0], r.attention])).toEqual([
      ["Stalled", "Stalled"],
      ["Declined", "Declined"],
      ["Missed", "Did not attend their last session"],
      ["Expired", "Expired"],
      ["Stopped", "Stopped going"],
      ["Waiting", null],
      ["Going", null],
      ["Closed", null],
    ]);
  });

  it("shows a referral's timeline (every kind) and wellbeing side by side; another organisation's is 404", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const session = await createSession(activity.id);
    const person = await refer(activity.id, referrer, { baseline: { choice: "now", reason: null, ons4: { life_satisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 }, ucla3: { lack_companionship: 3, left_out: 3, isolated: 3 } } });
    await book(person.token, session.id);
    const db = await getDb();
    const { outcomeResponses } = await import("../../db/schema");
    // Answered after the (attended) session, so it counts as attended in between.
    const followUpAt = new Date(session.startsAt.getTime() + 86_400_000);
    await db.insert(outcomeResponses).values({ referralId: person.id, instrument: "ucla3", phase: "follow_up", answers: { lack_companionship: 2, left_out: 1, isolated: 2 }, score: 5, createdAt: followUpAt });
    await db.update(bookings).set({ attendance: "attended" }).where(eq(bookings.referralId, person.id));
    for (const [kind, data, note] of [
      ["attendance", { bookingId: "b", sessionId: session.id, startsAt: session.startsAt.toISOString(), attendance: "attended" }, null],
      ["self_report", { selfReported: "went", startsAt: session.startsAt.toISOString() }, null],
      ["outcome", { instrument: "ucla3", phase: "follow_up", score: 5 }, null],
      ["stalled", { reason: "Two missed sessions" }, null],
      ["note", null, "Rang Margaret"],
    ] as const) {
      await db.insert(referralEvents).values({ referralId: person.id, kind, actorType: "system", data: data as Record<string, unknown> | null, note });
    }
    const { status, body } = await callRoute(caseLoader, await requestAs(referrer.user.id, "/x"), { id: person.id });
    expect(status).toBe(200);
    const kinds = new Set(body.referral.timeline.map((e: { kind: string }) => e.kind));
    expect([...kinds].sort()).toEqual(["attendance", "booking", "note", "outcome", "self_report", "stalled", "status"]);
    const measures = body.referral.outcomes.measures as { key: string }[];
    expect(measures.find((m) => m.key === "loneliness")).toMatchObject({
      baseline: { value: 9, band: "Lonely" },
      followUp: { value: 5, band: "Not lonely" },
      change: -4,
      direction: "better",
      higherIsBetter: false,
    });
    expect(measures.find((m) => m.key === "life_satisfaction")).toMatchObject({ baseline: { value: 3 }, followUp: null, change: null });
    expect(body.referral.outcomes.sessionsAttendedBetween).toBe(1);

    const stranger = await createReferrer();
    expect((await callRoute(caseLoader, await requestAs(stranger.user.id, "/x"), { id: person.id })).status).toBe(404);
    expect((await callRoute(caseLoader, await requestAs(stranger.user.id, "/x"), { id: "1; drop table" })).status).toBe(404);
  });

  it("withdraws with a reason: bookings cancelled, place freed, person told; a second withdraw is 409; others' is 404", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const session = await createSession(activity.id);
    const person = await refer(activity.id, referrer);
    await book(person.token, session.id);
    const stranger = await createReferrer();
    const before = await snapshotCounts();
    expect((await callRoute(withdrawAction, await requestAs(stranger.user.id, "/x", { form: { reason: "x" } }), { id: person.id })).status).toBe(404);
    expect(await snapshotCounts()).toEqual(before);
    const noReason = await callRoute(withdrawAction, await requestAs(referrer.user.id, "/x", { form: { reason: "" } }), { id: person.id });
    expect(noReason.status).toBe(200);
    expect(noReason.body.result.error.reason[0]).toMatch(/Say why/);
    const done = await callRoute(withdrawAction, await requestAs(referrer.user.id, "/x", { form: { reason: "Moved away" } }), { id: person.id });
    expect(done.status).toBe(302);
    const db = await getDb();
    expect((await db.select().from(referrals).where(eq(referrals.id, person.id)))[0].status).toBe("withdrawn");
    expect((await db.select().from(bookings).where(eq(bookings.referralId, person.id)))[0].status).toBe("cancelled");
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0].bookedCount).toBe(0);
    const after = await snapshotCounts();
    expect((await callRoute(withdrawAction, await requestAs(referrer.user.id, "/x", { form: { reason: "again" } }), { id: person.id })).status).toBe(409);
    expect(await snapshotCounts()).toEqual(after);
  });
});
