import { randomUUID } from "node:crypto";
import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings, outbox, outcomeResponses, referralEvents, referrals, sessions } from "../../db/schema";
import { loader as organiserReferralLoader } from "~/routes/organiser.referrals.$id/route";
import { loader as caseLoader } from "~/routes/referrals.$id/route";
import { createReferrals, createSelfReferral, removeExpiredPersonalDetails, withdrawReferral, transitionReferral } from "~/modules/referrals/index.server";
import { addWalkIn, loadRegister } from "~/modules/attendance/index.server";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createOrganiser, createReferrer, refer, referralValues, tokenOf } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { DAY_MS } from "~/utils/time";
import { personAct, personPage } from "../factories/person";




async function referralRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

async function eventsOf(id: string) {
  const db = await getDb();
  return db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(referralEvents.id);
}

/** Moves a closed referral's closing date back, as if it ended `days` ago. */
async function closedDaysAgo(id: string, days: number) {
  const db = await getDb();
  await db.update(referrals).set({ statusChangedAt: new Date(Date.now() - days * DAY_MS) }).where(eq(referrals.id, id));
}

async function inTransaction<T>(fn: Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]) {
  const db = await getDb();
  return db.transaction(fn) as Promise<T>;
}

async function expectRemoved(id: string, reason: "retention" | "person_asked") {
  const row = await referralRow(id);
  expect(row).toMatchObject({
    personFirstName: "Name removed",
    personLastName: "",
    personEmail: null,
    personPhone: null,
    notesForOrganiser: null,
    declineReason: null,
    detailsRemovedReason: reason,
  });
  expect(row.detailsRemovedAt).toBeInstanceOf(Date);
  return row;
}

describe("retention: personal details of referrals closed longer than PERSONAL_DATA_RETENTION_DAYS (365)", () => {
  it("removes them only from referrals closed long enough ago, keeps the anonymous record, and is idempotent", async () => {
    const referrer = await createReferrer();
    const organiser = await createOrganiser();
    const activity = await createActivity({ organisationId: organiser.organisation.id });
    const session = await createSession(activity.id);

    // Closed long ago: booked, went (attendance marked), answered the wellbeing questions, then withdrawn with a note.
    const old = await refer(activity.id, referrer, {
      phone: "07700900123",
      baseline: { choice: "now", reason: null, ons4: { life_satisfaction: 3, worthwhile: 4, happiness: 2, anxiety: 8 }, ucla3: { lack_companionship: 3, left_out: 3, isolated: 3 } },
    });
    expect((await personAct(old.token, { intent: "book", sessionId: session.id })).status).toBe(200);
    const db = await getDb();
    // The session happened and they went.
    await db.update(sessions).set({ startsAt: new Date(Date.now() - 3 * DAY_MS), endsAt: new Date(Date.now() - 3 * DAY_MS + 3_600_000) }).where(eq(sessions.id, session.id));
    await db.update(bookings).set({ attendance: "attended" }).where(eq(bookings.referralId, old.id));
    await withdrawReferral({ referralId: old.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Margaret moved to her daughter's in Leeds" });
    await closedDaysAgo(old.id, 400);

    // A self-referral the organiser declined long ago (the reason is words a person wrote).
    const screened = await createActivity({ organisationId: organiser.organisation.id, selfReferral: true, requiresScreening: true });
    const selfEmail = `self.${randomUUID().slice(0, 8)}@example.org`;
    const { requestId: _ignored, ...selfValues } = referralValues([screened.id], { email: selfEmail, firstName: "Sid" });
    expect((await createSelfReferral(screened.id, { requestId: randomUUID(), ...selfValues })).kind).toBe("received");
    const [self] = await db.select().from(referrals).where(eq(referrals.personEmail, selfEmail));
    await inTransaction((tx) => transitionReferral(tx, { referralId: self.id, to: "declined", actor: { type: "user", userId: organiser.user.id }, note: "Sid needs a carer with him" }));
    await closedDaysAgo(self.id, 366);

    // Closed recently, and open for a long time: both keep their details.
    const recent = await refer(activity.id, referrer);
    await withdrawReferral({ referralId: recent.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Changed their mind" });
    await closedDaysAgo(recent.id, 300);
    const open = await refer(activity.id, referrer);
    await closedDaysAgo(open.id, 800);

    const outcomesBefore = await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, old.id));
    expect(outcomesBefore).toHaveLength(2);

    expect(await removeExpiredPersonalDetails()).toBe(2);

    await expectRemoved(old.id, "retention");
    await expectRemoved(self.id, "retention");
    expect(await referralRow(recent.id)).toMatchObject({ personFirstName: "Margaret", detailsRemovedAt: null, notesForOrganiser: "Uses a walking stick" });
    expect(await referralRow(open.id)).toMatchObject({ personFirstName: "Margaret", status: "accepted", detailsRemovedAt: null });

    // The anonymous record stays: status, reasons, the booking with its attendance, the wellbeing answers.
    const kept = await referralRow(old.id);
    expect(kept).toMatchObject({ status: "withdrawn", reasons: ["loneliness"], code: old.code });
    expect(await db.select().from(bookings).where(eq(bookings.referralId, old.id))).toEqual([expect.objectContaining({ status: "booked", attendance: "attended" })]);
    expect(await db.select().from(outcomeResponses).where(eq(outcomeResponses.referralId, old.id))).toEqual(outcomesBefore);

    // Notes people wrote are gone; Linkway's own sentences stay; the removal is on the timeline.
    const events = await eventsOf(old.id);
    expect(events.filter((e) => e.actorType === "user" || e.actorType === "person").every((e) => e.note === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("Leeds");
    expect(events.some((e) => e.actorType === "system" && e.note === "Accepted automatically: this activity does not need screening")).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: "details_removed", actorType: "system", note: expect.stringMatching(/400 days after the referral closed/) });
    expect(JSON.stringify(await eventsOf(self.id))).not.toContain("carer");

    // The person's old link now says it has stopped working, and does nothing.
    const loaded = await personPage(old.token);
    expect(loaded.status).toBe(410);
    expect(loaded.body).toEqual({ problem: "ended" });
    const before = await snapshotCounts();
    expect((await personAct(old.token, { intent: "cancel", bookingId: randomUUID() })).status).toBe(410);
    expect(await snapshotCounts()).toEqual(before);

    // A second run finds nothing more to do.
    expect(await removeExpiredPersonalDetails()).toBe(0);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("works through a backlog in batches", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const made = [];
    for (let i = 0; i < 3; i++) {
      const r = await refer(activity.id, referrer);
      await withdrawReferral({ referralId: r.id, organisationIds: [referrer.organisation.id], userId: referrer.user.id, reason: "Not now" });
      await closedDaysAgo(r.id, 500);
      made.push(r.id);
    }
    expect(await removeExpiredPersonalDetails({ limit: 2 })).toBe(2);
    expect(await removeExpiredPersonalDetails({ limit: 2 })).toBe(1);
    for (const id of made) await expectRemoved(id, "retention");
  });

  it("treats a walk-in like any referral: the register keeps the attendance, without the name", async () => {
    const organiser = await createOrganiser();
    const activity = await createActivity({ organisationId: organiser.organisation.id });
    const session = await createSession(activity.id, { startsAt: new Date(Date.now() - 3_600_000) });
    const walkIn = await addWalkIn({ sessionId: session.id, userId: organiser.user.id, person: { firstName: "Joan", lastName: "Smith", phone: "07700900456" } });
    await inTransaction((tx) => transitionReferral(tx, { referralId: walkIn.referralId, to: "completed", actor: { type: "system" }, now: new Date() }));
    await closedDaysAgo(walkIn.referralId, 400);

    expect(await removeExpiredPersonalDetails()).toBeGreaterThanOrEqual(1);
    await expectRemoved(walkIn.referralId, "retention");
    const register = await loadRegister(session.id, { type: "user", userId: organiser.user.id });
    expect(register?.people.find((p) => p.bookingId === walkIn.bookingId)).toMatchObject({ name: "Name removed", attendance: "attended", walkIn: true });
  });
});

describe("erasure: the person removes their details from their private link", () => {
  async function scene() {
    const referrer = await createReferrer();
    const organiser = await createOrganiser();
    const walk = await createActivity({ organisationId: organiser.organisation.id });
    const choir = await createActivity({ organisationId: organiser.organisation.id });
    const session = await createSession(walk.id, { capacity: 1 });
    const email = `margaret.${randomUUID().slice(0, 8)}@example.org`;
    // Referred to two activities at once: one group.
    const made = await createReferrals(referralValues([walk.id, choir.id], { email, phone: "07700900123" }), {
      userId: referrer.user.id,
      organisationId: referrer.organisation.id,
    });
    if (made.kind !== "created") throw new Error(made.kind);
    const [onWalk, onChoir] = made.referrals.map((r) => ({ ...r, token: tokenOf(r.link!) }));
    expect((await personAct(onWalk.token, { intent: "book", sessionId: session.id })).status).toBe(200);
    // Someone else waits for the one place.
    const waiting = await refer(walk.id, referrer, { firstName: "Walter" });
    await personAct(waiting.token, { intent: "waitlist", sessionId: session.id });
    return { referrer, organiser, session, email, onWalk, onChoir, waiting };
  }

  it("refuses without the confirmation ticked: a 400 naming the box, nothing written", async () => {
    const { onWalk } = await scene();
    const before = await snapshotCounts();
    const refused = await personAct(onWalk.token, { intent: "remove-details" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ ok: false, intent: "remove-details", message: expect.stringMatching(/Tick the box/) });
    expect(refused.body.result.error.understood).toEqual([expect.stringMatching(/Tick the box/)]);
    expect(await snapshotCounts()).toEqual(before);
    expect((await referralRow(onWalk.id)).personFirstName).toBe("Margaret");
  });

  it("cancels their places (the waitlist moves on), withdraws the referrals with the referrer told, covers the group, and ends the link", async () => {
    const { referrer, organiser, session, email, onWalk, onChoir, waiting } = await scene();
    const db = await getDb();
    const outboxStart = (await db.select({ id: outbox.id }).from(outbox)).reduce((max, r) => Math.max(max, r.id), 0);

    const done = await personAct(onWalk.token, { intent: "remove-details", understood: "on" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ ok: true, intent: "remove-details", message: expect.stringMatching(/removed/) });

    // Both referrals of the group are withdrawn by the person and their details removed.
    for (const r of [onWalk, onChoir]) {
      const row = await expectRemoved(r.id, "person_asked");
      expect(row.status).toBe("withdrawn");
      const events = await eventsOf(r.id);
      expect(events.find((e) => e.toStatus === "withdrawn")).toMatchObject({ actorType: "person" });
      expect(events.at(-1)).toMatchObject({ kind: "details_removed", actorType: "person", note: expect.stringMatching(/at their request/) });
    }

    // Their place is cancelled and offered to the person waiting, as a cancel does.
    const [mine] = await db.select().from(bookings).where(eq(bookings.referralId, onWalk.id));
    expect(mine.status).toBe("cancelled");
    const [theirs] = await db.select().from(bookings).where(eq(bookings.referralId, waiting.id));
    expect(theirs.status).toBe("offered");
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0].bookedCount).toBe(1);

    // The referrer hears the referral ended (once per referral), the organisers hear of the withdrawal.
    const queued = await db.select().from(outbox).where(and(eq(outbox.topic, "email")));
    const fresh = queued.filter((m) => m.id > outboxStart);
    const toReferrer = fresh.filter((m) => m.payload.to === referrer.user.email);
    expect(toReferrer.map((m) => m.payload.subject).sort()).toEqual(
      [onWalk.code, onChoir.code].map((code) => `Referral ${code} has ended: the person asked for their details to be removed`).sort(),
    );
    expect(fresh.some((m) => m.payload.to === organiser.user.email && String(m.payload.subject).includes(`Referral ${onWalk.code} withdrawn`))).toBe(true);
    // Walter is offered the place.
    expect(fresh.some((m) => m.key === `person:${waiting.id}` && /place/i.test(String(m.payload.subject)))).toBe(true);
    // Nothing addressed to her, sent or waiting, is kept.
    expect(await db.select().from(outbox).where(inArray(outbox.key, [`person:${onWalk.id}`, `person:${onChoir.id}`]))).toEqual([]);
    expect(JSON.stringify(await db.select().from(outbox))).not.toContain(email);

    // The link has stopped working: a plain page, and a second request is refused cleanly.
    for (const token of [onWalk.token, onChoir.token]) {
      const loaded = await personPage(token);
      expect(loaded.status).toBe(410);
      expect(loaded.body).toEqual({ problem: "ended" });
    }
    const before = await snapshotCounts();
    const again = await personAct(onWalk.token, { intent: "remove-details", understood: "on" });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/stopped working/);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("staff pages show the removed state and no contact details", async () => {
    const { referrer, organiser, email, onWalk } = await scene();
    await personAct(onWalk.token, { intent: "remove-details", understood: "on" });

    const asReferrer = await callRoute(caseLoader, await requestAs(referrer.user.id, `/referrals/${onWalk.id}`), { id: onWalk.id });
    expect(asReferrer.status).toBe(200);
    const referral = asReferrer.body.referral;
    expect(referral.person).toMatchObject({ firstName: "Name removed", lastName: "", email: null, phone: null });
    expect(referral.notes).toBeNull();
    expect(referral.detailsRemoved).toMatch(/^Personal details removed on \w+ \d{1,2} \w+ \d{4} \(at the person's request\)$/);
    expect(referral.timeline[0]).toMatchObject({ title: "Personal details removed" });
    const referrerJson = JSON.stringify(asReferrer.body);
    expect(referrerJson).not.toContain(email);
    expect(referrerJson).not.toContain("Margaret");
    expect(referrerJson).not.toContain("Thompson");
    expect(referrerJson).not.toContain("walking stick");

    const asOrganiser = await callRoute(organiserReferralLoader, await requestAs(organiser.user.id, `/organiser/referrals/${onWalk.id}`), { id: onWalk.id });
    expect(asOrganiser.status).toBe(200);
    expect(asOrganiser.body.referral.person).toMatchObject({ name: "Name removed", email: null, phone: null, notes: null });
    expect(asOrganiser.body.referral.detailsRemoved).toMatch(/at the person's request/);
    expect(JSON.stringify(asOrganiser.body)).not.toContain("Margaret");
  });

  it("a referral that already ended can still have its details removed, and its places still to come are passed on", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const session = await createSession(activity.id, { capacity: 1 });
    const person = await refer(activity.id, referrer);
    await personAct(person.token, { intent: "book", sessionId: session.id });
    const waiting = await refer(activity.id, referrer, { firstName: "Walter" });
    await personAct(waiting.token, { intent: "waitlist", sessionId: session.id });
    // Ended as "stopped going" with a place still booked (that end does not cancel places).
    await inTransaction((tx) => transitionReferral(tx, { referralId: person.id, to: "disengaged", actor: { type: "user", userId: referrer.user.id }, note: "Doing well elsewhere" }));

    expect((await personAct(person.token, { intent: "remove-details", understood: "on" })).status).toBe(200);
    const row = await expectRemoved(person.id, "person_asked");
    expect(row.status).toBe("disengaged");
    const db = await getDb();
    expect((await db.select().from(bookings).where(eq(bookings.referralId, waiting.id)))[0].status).toBe("offered");
    expect(await db.select().from(referralEvents).where(and(eq(referralEvents.referralId, person.id), like(referralEvents.note, "%Doing well%")))).toEqual([]);
  });
});
