/**
 * Cancelling a place asks first and can be undone for a few minutes (issue 15 item 6): an accidental tap on a
 * phone is put right without the place, the referral or anybody's inbox showing it.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings, outbox, referrals, sessions } from "../../db/schema";
import { deliverPendingEmails, listDevMailbox } from "~/modules/notifications/index.server";
import { performPersonAction } from "~/modules/referrals/index.server";
import { loader as personLoader } from "~/routes/r.$token/route";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";

const MINUTE = 60_000;

async function setup(capacity = 12) {
  const { organisation, user: organiser } = await createOrganiser();
  const activity = await createActivity({ organisationId: organisation.id, requiresScreening: false });
  const session = await createSession(activity.id, { capacity });
  const referrer = await createReferrer();
  const email = `margaret.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.org`;
  const person = { ...(await refer(activity.id, referrer, { firstName: "Margaret", email })), email };
  return { organiser, activity, session, referrer, person };
}

async function bookingOf(referralId: string) {
  const [booking] = await (await getDb()).select().from(bookings).where(eq(bookings.referralId, referralId));
  return booking;
}

async function placesTaken(sessionId: string) {
  const [s] = await (await getDb()).select({ n: sessions.bookedCount }).from(sessions).where(eq(sessions.id, sessionId));
  return s.n;
}

async function statusOf(referralId: string) {
  const [r] = await (await getDb()).select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId));
  return r.status;
}

async function cancellationMails(...addresses: string[]) {
  const all = await Promise.all(addresses.map((to) => listDevMailbox({ to })));
  return all.flat().filter((m) => /^Cancelled/.test(m.subject) || /cancelled/i.test(m.subject));
}

describe("undoing a cancellation", () => {
  it("within five minutes puts the same booking back, the referral back to booked, and nobody is told of either", async () => {
    const { person, session, organiser, referrer } = await setup();
    const t0 = new Date();
    expect((await performPersonAction(person.token, { intent: "book", sessionId: session.id }, t0)).ok).toBe(true);
    const booking = await bookingOf(person.id);
    await deliverPendingEmails({ now: t0 });

    const cancelled = await performPersonAction(person.token, { intent: "cancel", bookingId: booking.id }, new Date(t0.getTime() + MINUTE));
    expect(cancelled).toEqual({ ok: true, message: expect.stringMatching(/is cancelled\. You can undo this for 5 minutes/) });
    expect(await placesTaken(session.id)).toBe(0);
    expect(await statusOf(person.id)).toBe("accepted");

    // The page offers the undo while it is allowed.
    const page = await callRoute(personLoader, await requestAs(null, `/r/${person.token}`), { token: person.token });
    expect(page.body.page.bookings.find((b: { id: string }) => b.id === booking.id)).toMatchObject({ status: "cancelled", canUndo: true });

    const undone = await performPersonAction(person.token, { intent: "undo-cancel", bookingId: booking.id }, new Date(t0.getTime() + 5 * MINUTE));
    expect(undone).toEqual({ ok: true, message: expect.stringMatching(/is booked again/) });
    expect(await bookingOf(person.id)).toMatchObject({ id: booking.id, status: "booked", cancelledAt: null });
    expect(await placesTaken(session.id)).toBe(1);
    expect(await statusOf(person.id)).toBe("booked");

    // Long after the window, still nobody has heard about a cancellation.
    await deliverPendingEmails({ now: new Date(t0.getTime() + 60 * MINUTE) });
    expect(await cancellationMails(organiser.email, referrer.user.email, person.email)).toEqual([]);
  });

  it("is refused after five minutes, changing nothing; the cancellation is then emailed", async () => {
    const { person, session, organiser } = await setup();
    const t0 = new Date();
    await performPersonAction(person.token, { intent: "book", sessionId: session.id }, t0);
    const booking = await bookingOf(person.id);
    await performPersonAction(person.token, { intent: "cancel", bookingId: booking.id }, t0);
    // Not before the undo window has passed …
    await deliverPendingEmails({ now: new Date(t0.getTime() + 4 * MINUTE) });
    expect(await cancellationMails(organiser.email, person.email)).toEqual([]);

    const late = await performPersonAction(person.token, { intent: "undo-cancel", bookingId: booking.id }, new Date(t0.getTime() + 5 * MINUTE + 1000));
    expect(late).toEqual({ ok: false, status: 409, message: expect.stringMatching(/too late to undo/) });
    expect(await bookingOf(person.id)).toMatchObject({ status: "cancelled" });
    expect(await placesTaken(session.id)).toBe(0);

    // … and then they hear, once each.
    await deliverPendingEmails({ now: new Date(t0.getTime() + 6 * MINUTE) });
    expect(await cancellationMails(organiser.email)).toHaveLength(1);
    expect(await cancellationMails(person.email)).toHaveLength(1);
  });

  it("does not take a place back from the person waiting, who was offered it", async () => {
    const { person, session, activity, referrer } = await setup(1);
    const waiting = await refer(activity.id, referrer, { firstName: "Ade" });
    const t0 = new Date();
    await performPersonAction(person.token, { intent: "book", sessionId: session.id }, t0);
    await performPersonAction(waiting.token, { intent: "waitlist", sessionId: session.id }, t0);
    const booking = await bookingOf(person.id);
    await performPersonAction(person.token, { intent: "cancel", bookingId: booking.id }, t0);
    expect(await bookingOf(waiting.id)).toMatchObject({ status: "offered" });

    const undo = await performPersonAction(person.token, { intent: "undo-cancel", bookingId: booking.id }, new Date(t0.getTime() + MINUTE));
    expect(undo).toEqual({ ok: false, status: 409, message: expect.stringMatching(/already gone to someone else/) });
    expect(await bookingOf(waiting.id)).toMatchObject({ status: "offered" });
    expect(await bookingOf(person.id)).toMatchObject({ status: "cancelled" });
    expect(await placesTaken(session.id)).toBe(1);
  });

  it("cannot turn leaving a waitlist into a place", async () => {
    const { person, session, activity, referrer } = await setup(1);
    const first = await refer(activity.id, referrer, { firstName: "Ade" });
    const t0 = new Date();
    await performPersonAction(first.token, { intent: "book", sessionId: session.id }, t0);
    await performPersonAction(person.token, { intent: "waitlist", sessionId: session.id }, t0);
    const waitlisted = await bookingOf(person.id);
    await performPersonAction(person.token, { intent: "cancel", bookingId: waitlisted.id }, t0);
    await performPersonAction(first.token, { intent: "cancel", bookingId: (await bookingOf(first.id)).id }, t0);
    // A place is free now, but leaving the waitlist was not giving up a place.
    const undo = await performPersonAction(person.token, { intent: "undo-cancel", bookingId: waitlisted.id }, new Date(t0.getTime() + MINUTE));
    expect(undo).toMatchObject({ ok: false, status: 409 });
    expect(await bookingOf(person.id)).toMatchObject({ status: "cancelled" });
  });

  it("cannot undo another person's cancellation with this link", async () => {
    const { person, session, activity, referrer } = await setup();
    const other = await refer(activity.id, referrer, { firstName: "Ade" });
    const t0 = new Date();
    await performPersonAction(other.token, { intent: "book", sessionId: session.id }, t0);
    const theirs = await bookingOf(other.id);
    await performPersonAction(other.token, { intent: "cancel", bookingId: theirs.id }, t0);
    expect(await performPersonAction(person.token, { intent: "undo-cancel", bookingId: theirs.id }, t0)).toMatchObject({ ok: false, status: 404 });
    expect(await bookingOf(other.id)).toMatchObject({ status: "cancelled" });
  });

  it("a person who has their details removed is not sent the waiting cancellation message", async () => {
    const { person, session } = await setup();
    const t0 = new Date();
    await performPersonAction(person.token, { intent: "book", sessionId: session.id }, t0);
    await performPersonAction(person.token, { intent: "cancel", bookingId: (await bookingOf(person.id)).id }, t0);
    expect((await performPersonAction(person.token, { intent: "remove-details", understood: "on" }, t0)).ok).toBe(true);
    const db = await getDb();
    const left = await db.select({ key: outbox.key }).from(outbox);
    expect(left.filter((r) => r.key?.startsWith(`person:${person.id}`))).toEqual([]);
  });
});
