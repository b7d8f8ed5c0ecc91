/**
 * Putting a cancelled session back on: it is bookable again, nobody is booked
 * back in, and the people whose bookings the cancellation cancelled (and
 * their referrers) are told, with the person's link to book again.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { bookings, outbox, referralEvents, referrals, sessions } from "../../db/schema";
import { handleSessionCancellations, handleSessionReinstatements } from "~/modules/referrals/index.server";
import { action as personAction } from "~/routes/r.$token/route";
import * as sessionsRoute from "~/routes/organiser.activities.$id.sessions/route";
import { addMember, createActivity, createOrganisation, createSession, createUser } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";
import { DAY_MS, MINUTE_MS } from "~/utils/time";


async function scene(options: { capacity?: number } = {}) {
  const provider = await createOrganisation({ kind: "provider" });
  const organiser = await createUser();
  await addMember(provider.id, organiser.id, "owner");
  const activity = await createActivity({ organisationId: provider.id });
  const session = await createSession(activity.id, { startsAt: new Date(Date.now() + 3 * DAY_MS), capacity: options.capacity ?? 12 });
  const referrer = await createReferrer();
  return { provider, organiser, activity, session, referrer };
}

async function act(token: string, form: Record<string, string>) {
  return callRoute(personAction, await requestAs(null, `/r/${token}`, { form }), { token });
}

async function post(activityId: string, userId: string, form: Record<string, string>) {
  return callRoute(sessionsRoute.action, await requestAs(userId, `/organiser/activities/${activityId}/sessions`, { form: { formId: "f", ...form } }), {
    id: activityId,
  });
}

const errorsOf = (outcome: { body: unknown }) => (outcome.body as { result: { error?: Record<string, string[]> } }).result.error ?? {};

async function sessionRow(id: string) {
  const db = await getDb();
  return (await db.select().from(sessions).where(eq(sessions.id, id)))[0];
}

async function statusOf(referralId: string) {
  const db = await getDb();
  return (await db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId)))[0].status;
}

/** Emails whose subject starts so, to people referred to this activity (each test has its own). */
async function emails(subjectStart: string, activityId: string) {
  const db = await getDb();
  return queryRows<{ to: string; subject: string; text: string }>(
    db,
    sql`select payload->>'to' as "to", payload->>'subject' as subject, payload->>'text' as text from outbox
        where topic = 'email' and payload->>'subject' like ${`${subjectStart}%`}
          and lower(payload->>'to') in (select lower(person_email) from referrals where activity_id = ${activityId})
        order by id`,
  );
}

describe("reinstating a cancelled session", () => {
  it("makes it bookable again, tells the people the cancellation cancelled (not others) with their link, and books nobody back in", async () => {
    const s = await scene({ capacity: 2 });
    const other = await createSession(s.activity.id, { startsAt: new Date(Date.now() + 10 * DAY_MS) });
    const ann = await refer(s.activity.id, s.referrer);
    const bob = await refer(s.activity.id, s.referrer);
    const cat = await refer(s.activity.id, s.referrer);
    const dan = await refer(s.activity.id, s.referrer);
    await act(ann.token, { intent: "book", sessionId: s.session.id });
    await act(bob.token, { intent: "book", sessionId: s.session.id });
    await act(cat.token, { intent: "waitlist", sessionId: s.session.id });
    // Dan booked and cancelled before the organiser cancelled: his cancellation was his own.
    await act(dan.token, { intent: "book", sessionId: other.id });
    const db = await getDb();
    const [danBooking] = await db.select().from(bookings).where(eq(bookings.referralId, dan.id));
    await act(dan.token, { intent: "cancel", bookingId: danBooking.id });
    await db.update(bookings).set({ sessionId: s.session.id, cancelledAt: new Date(Date.now() - DAY_MS) }).where(eq(bookings.id, danBooking.id));

    expect((await post(s.activity.id, s.organiser.id, { intent: "cancel", sessionId: s.session.id, reason: "The hall is flooded" })).status).toBe(302);
    expect((await sessionRow(s.session.id)).cancelledAt).not.toBeNull();
    await handleSessionCancellations();
    expect(await statusOf(ann.id)).toBe("accepted");
    expect((await sessionRow(s.session.id)).bookedCount).toBe(0);

    const page = await callRoute(sessionsRoute.loader, await requestAs(s.organiser.id, `/organiser/activities/${s.activity.id}/sessions`), { id: s.activity.id });
    const listed = (page.body as { sessions: { id: string; reinstatable: boolean }[] }).sessions;
    expect(listed.find((x) => x.id === s.session.id)?.reinstatable).toBe(true);
    expect(listed.find((x) => x.id === other.id)?.reinstatable).toBe(false);

    const done = await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/organiser/activities/${s.activity.id}/sessions?done=reinstated#session-${s.session.id}`);
    expect(await sessionRow(s.session.id)).toMatchObject({ status: "scheduled", cancelReason: null, bookedCount: 0 });
    const events = await db.select().from(outbox).where(and(eq(outbox.topic, "event"), isNull(outbox.processedAt)));
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ type: "session.reinstated", sessionId: s.session.id }));
    expect((await db.select().from(outbox).where(eq(outbox.topic, "search"))).some((m) => m.payload.activityId === s.activity.id)).toBe(true);

    expect(await handleSessionReinstatements()).toBe(1);
    expect((await sessionRow(s.session.id)).cancelledAt).toBeNull();
    // Nobody is booked back in.
    const onSession = await db.select().from(bookings).where(eq(bookings.sessionId, s.session.id));
    expect(onSession.every((b) => b.status === "cancelled")).toBe(true);
    expect(await statusOf(ann.id)).toBe("accepted");

    const backOn = await emails("Back on:", s.activity.id);
    const ids = await db.select({ id: referrals.id, email: referrals.personEmail }).from(referrals);
    const emailOf = (id: string) => ids.find((r) => r.id === id)!.email;
    expect(backOn.map((m) => m.to).sort()).toEqual([emailOf(ann.id), emailOf(bob.id), emailOf(cat.id)].sort());
    expect(backOn[0].text).toContain("we have not booked you in again");
    expect(backOn[0].text).toMatch(/\/r\/[a-z0-9]+\.[a-z0-9]+/);
    const referrerMail = await queryRows<{ subject: string }>(
      db,
      sql`select payload->>'subject' as subject from outbox where topic = 'email' and payload->>'to' = ${s.referrer.user.email}`,
    );
    expect(referrerMail.filter((m) => m.subject.endsWith("a cancelled session is back on"))).toHaveLength(3);
    const timeline = await db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, ann.id))
      .orderBy(asc(referralEvents.id));
    expect(timeline.at(-1)).toMatchObject({ kind: "booking", actorType: "system", data: { action: "session_reinstated", sessionId: s.session.id } });

    // The link in the email books a place on the session again.
    const link = /\/r\/([a-z0-9]+\.[a-z0-9]+)/.exec(backOn.find((m) => m.to === emailOf(ann.id))!.text)![1];
    const booked = await act(link, { intent: "book", sessionId: s.session.id });
    expect(booked.status).toBeLessThan(400);
    expect(await statusOf(ann.id)).toBe("booked");
    expect((await sessionRow(s.session.id)).bookedCount).toBe(1);
    // Run again: nothing more to say.
    expect(await handleSessionReinstatements()).toBe(0);
    expect(await emails("Back on:", s.activity.id)).toHaveLength(3);
  });

  it("refuses a session that has started or is not cancelled, and outsiders, writing nothing", async () => {
    const s = await scene();
    const db = await getDb();
    const started = await createSession(s.activity.id, {
      startsAt: new Date(Date.now() - 30 * MINUTE_MS),
      status: "cancelled",
      cancelReason: "Snow",
      cancelledAt: new Date(Date.now() - DAY_MS),
    });
    const outboxBefore = (await db.select().from(outbox)).length;
    const past = await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: started.id });
    expect(errorsOf(past).sessionId?.join()).toMatch(/already started or finished, so it cannot be reinstated/);
    expect(await sessionRow(started.id)).toMatchObject({ status: "cancelled", cancelReason: "Snow" });

    const scheduled = await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    expect(errorsOf(scheduled).sessionId?.join()).toMatch(/not cancelled/);

    await db.update(sessions).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(sessions.id, s.session.id));
    const outsider = await createUser();
    await addMember((await createOrganisation({ kind: "provider" })).id, outsider.id, "owner");
    expect((await post(s.activity.id, outsider.id, { intent: "reinstate", sessionId: s.session.id })).status).toBe(403);
    const elsewhere = await scene();
    const theirs = await post(elsewhere.activity.id, elsewhere.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    expect(errorsOf(theirs).sessionId?.join()).toMatch(/could not find/);
    expect((await sessionRow(s.session.id)).status).toBe("cancelled");
    expect((await db.select().from(outbox)).length).toBe(outboxBefore);
  });

  it("reinstated before the cancellation job ran: the bookings stand and nobody is told anything", async () => {
    const s = await scene();
    const ann = await refer(s.activity.id, s.referrer);
    await act(ann.token, { intent: "book", sessionId: s.session.id });
    await post(s.activity.id, s.organiser.id, { intent: "cancel", sessionId: s.session.id, reason: "Leader unwell" });
    await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    await handleSessionCancellations();
    await handleSessionReinstatements();
    const db = await getDb();
    const [booking] = await db.select().from(bookings).where(eq(bookings.referralId, ann.id));
    expect(booking.status).toBe("booked");
    expect(await statusOf(ann.id)).toBe("booked");
    expect((await sessionRow(s.session.id)).bookedCount).toBe(1);
    expect(await emails("Session cancelled:", s.activity.id)).toHaveLength(0);
    expect(await emails("Back on:", s.activity.id)).toHaveLength(0);
  });

  it("tells nobody when it was cancelled again before the job ran, nor someone who rebooked or whose referral ended", async () => {
    const s = await scene();
    const ann = await refer(s.activity.id, s.referrer);
    const bob = await refer(s.activity.id, s.referrer);
    const cat = await refer(s.activity.id, s.referrer);
    for (const p of [ann, bob, cat]) await act(p.token, { intent: "book", sessionId: s.session.id });
    await post(s.activity.id, s.organiser.id, { intent: "cancel", sessionId: s.session.id, reason: "Leader unwell" });
    await handleSessionCancellations();

    // Reinstated, then cancelled again, before the reinstatement job ran.
    await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    await post(s.activity.id, s.organiser.id, { intent: "cancel", sessionId: s.session.id, reason: "Hall double-booked" });
    await handleSessionReinstatements();
    expect(await emails("Back on:", s.activity.id)).toHaveLength(0);
    await handleSessionCancellations();

    // Back on for good: Ann has already booked again (she saw the page), Bob said no thanks;
    // Cat, whose booking the first cancellation cancelled, is told.
    await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    await act(ann.token, { intent: "book", sessionId: s.session.id });
    await act(bob.token, { intent: "decline" });
    expect(await statusOf(bob.id)).toBe("withdrawn");
    await handleSessionReinstatements();
    const backOn = await emails("Back on:", s.activity.id);
    expect(backOn).toHaveLength(1);
    const db = await getDb();
    const [catRow] = await db.select({ email: referrals.personEmail }).from(referrals).where(eq(referrals.id, cat.id));
    expect(backOn[0].to).toBe(catRow.email);
  });

  it("says nothing when the session has started by the time the job runs", async () => {
    const s = await scene();
    const ann = await refer(s.activity.id, s.referrer);
    await act(ann.token, { intent: "book", sessionId: s.session.id });
    await post(s.activity.id, s.organiser.id, { intent: "cancel", sessionId: s.session.id, reason: "Leader unwell" });
    await handleSessionCancellations();
    await post(s.activity.id, s.organiser.id, { intent: "reinstate", sessionId: s.session.id });
    await handleSessionReinstatements({ now: new Date(s.session.startsAt.getTime() + 60_000) });
    expect(await emails("Back on:", s.activity.id)).toHaveLength(0);
    expect((await sessionRow(s.session.id)).cancelledAt).toBeNull();
  });
});
