import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { queuedEmails } from "../factories/mail";
import { bookings, oneTimeTokens, referralEvents, referrals, sessions } from "../../db/schema";
import { loader as personLoader } from "~/routes/r.$token/route";
import { loader as calendarLoader } from "~/routes/r.$token_.calendar.$bookingId/route";
import { passOnLapsedOffers } from "~/modules/referrals/index.server";
import { requestAs } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { snapshotCounts } from "../factories/counts";
import { createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { personAct } from "../factories/person";

async function setup(options: { capacity?: number; screening?: boolean; online?: boolean } = {}) {
  const referrer = await createReferrer();
  const activity = await createActivity({ requiresScreening: options.screening ?? false, online: options.online ?? false, onlineUrl: options.online ? "https://meet.example.org/walk" : null });
  const session = await createSession(activity.id, { capacity: options.capacity ?? 12 });
  const person = await refer(activity.id, referrer);
  return { referrer, activity, session, person };
}

async function statusOf(referralId: string) {
  const db = await getDb();
  const [row] = await db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId));
  return row.status;
}

async function liveBookings(referralId: string) {
  const db = await getDb();
  return db.select().from(bookings).where(eq(bookings.referralId, referralId));
}

describe("the person's private link", () => {
  it("shows only this referral, with sessions and places left", async () => {
    const { person, session, activity } = await setup({ capacity: 5 });
    const { status, body, headers } = await callRoute(personLoader, await requestAs(null, `/r/${person.token}`), { token: person.token });
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body.page.referral.code).toBe(person.code);
    expect(body.page.activity.title).toBe(activity.title);
    expect(body.page.sessions).toEqual([expect.objectContaining({ id: session.id, placesLeft: 5, myStatus: null })]);
    expect(JSON.stringify(body)).not.toContain("@example.org");
  });

  it("books a session: one booking, a place taken, the referral booked, everyone told", async () => {
    const { person, session, referrer } = await setup();
    const { status, body } = await personAct(person.token, { intent: "book", sessionId: session.id });
    expect(status).toBe(200);
    expect(body.message).toMatch(/You are booked/);
    expect(await statusOf(person.id)).toBe("booked");
    const db = await getDb();
    const [s] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(s.bookedCount).toBe(1);
    const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id));
    expect(events.find((e) => e.kind === "booking")?.data).toMatchObject({ action: "booked", sessionId: session.id, startsAt: session.startsAt.toISOString() });
    expect(events.find((e) => e.toStatus === "booked")).toMatchObject({ fromStatus: "accepted", actorType: "person" });
    const mail = await queuedEmails();
    expect(mail.some((m) => String(m.subject).startsWith("Booked:"))).toBe(true);
    expect(mail.some((m) => m.to === referrer.user.email && String(m.subject).includes("a session was booked"))).toBe(true);
  });

  it("a repeated submit of the same booking form makes one booking", async () => {
    const { person, session } = await setup();
    const results = await Promise.all([1, 2, 3].map(() => personAct(person.token, { intent: "book", sessionId: session.id })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect((await liveBookings(person.id)).filter((b) => b.status === "booked")).toHaveLength(1);
    const db = await getDb();
    const [s] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(s.bookedCount).toBe(1);
  });

  it("cancel → back to accepted (place freed); book again → booked", async () => {
    const { person, session } = await setup();
    await personAct(person.token, { intent: "book", sessionId: session.id });
    const [booking] = await liveBookings(person.id);
    const cancelled = await personAct(person.token, { intent: "cancel", bookingId: booking.id });
    expect(cancelled.body.message).toMatch(/cancelled/);
    expect(await statusOf(person.id)).toBe("accepted");
    const db = await getDb();
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0].bookedCount).toBe(0);
    // Cancelling again changes nothing.
    const before = await snapshotCounts();
    expect((await personAct(person.token, { intent: "cancel", bookingId: booking.id })).body.message).toMatch(/already cancelled/);
    expect(await snapshotCounts()).toEqual(before);
    await personAct(person.token, { intent: "book", sessionId: session.id });
    expect(await statusOf(person.id)).toBe("booked");
    const events = await db.select().from(referralEvents).where(and(eq(referralEvents.referralId, person.id), eq(referralEvents.kind, "status")));
    expect(events.map((e) => e.toStatus)).toEqual(["sent", "accepted", "booked", "accepted", "booked"]);
  });

  it.each([
    ["a full session", async (s: { id: string }) => (await getDb()).update(sessions).set({ bookedCount: 12 }).where(eq(sessions.id, s.id)), 409, /now full/],
    ["a past session", async (s: { id: string }) => (await getDb()).update(sessions).set({ startsAt: new Date(Date.now() - 3_600_000) }).where(eq(sessions.id, s.id)), 409, /already started/],
    ["a cancelled session", async (s: { id: string }) => (await getDb()).update(sessions).set({ status: "cancelled" }).where(eq(sessions.id, s.id)), 409, /cancelled/],
  ])("refuses to book %s and writes nothing", async (_label, arrange, status, message) => {
    const { person, session } = await setup();
    await arrange(session);
    const before = await snapshotCounts();
    const result = await personAct(person.token, { intent: "book", sessionId: session.id });
    expect(result.status).toBe(status);
    expect(result.body.message).toMatch(message);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses a session of another activity (404) and a referral the organiser has not accepted (409)", async () => {
    const { person } = await setup();
    const other = await createSession((await createActivity()).id);
    const before = await snapshotCounts();
    expect((await personAct(person.token, { intent: "book", sessionId: other.id })).status).toBe(404);
    expect(await snapshotCounts()).toEqual(before);
    const screened = await setup({ screening: true });
    const before2 = await snapshotCounts();
    const result = await personAct(screened.person.token, { intent: "book", sessionId: screened.session.id });
    expect(result.status).toBe(409);
    expect(result.body.message).toMatch(/not said yes/);
    expect(await snapshotCounts()).toEqual(before2);
  });

  it("an expired link (410) or a tampered one (404) shows a friendly page and writes nothing", async () => {
    const { person, session } = await setup();
    const db = await getDb();
    const [id, secret] = person.token.split(".");
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    const before = await snapshotCounts();
    for (const token of [tampered, "nonsense", `${id}.`, "a.b.c"]) {
      expect((await callRoute(personLoader, await requestAs(null, `/r/x`), { token })).status).toBe(404);
      expect((await personAct(token, { intent: "book", sessionId: session.id })).status).toBe(404);
    }
    await db.update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeTokens.id, id));
    const expired = await callRoute(personLoader, await requestAs(null, `/r/x`), { token: person.token });
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({ problem: "expired" });
    const refused = await personAct(person.token, { intent: "book", sessionId: session.id });
    expect(refused.status).toBe(410);
    expect(refused.body.message).toMatch(/contact the person who referred you/);
    const { tokens: _t, ...after } = await snapshotCounts();
    const { tokens: _b, ...beforeRest } = before;
    expect(after).toEqual(beforeRest);
  });

  it("waitlist: join when full; a cancellation offers the place to the first waiting, who takes it", async () => {
    const { activity, referrer, session, person: first } = await setup({ capacity: 1 });
    const second = await refer(activity.id, referrer);
    const third = await refer(activity.id, referrer);
    await personAct(first.token, { intent: "book", sessionId: session.id });
    expect((await personAct(second.token, { intent: "book", sessionId: session.id })).status).toBe(409);
    expect((await personAct(second.token, { intent: "waitlist", sessionId: session.id })).body.message).toMatch(/waitlist/);
    await personAct(third.token, { intent: "waitlist", sessionId: session.id });

    const [firstBooking] = await liveBookings(first.id);
    await personAct(first.token, { intent: "cancel", bookingId: firstBooking.id });
    const [offer] = await liveBookings(second.id);
    expect(offer.status).toBe("offered");
    expect(offer.offerExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    const db = await getDb();
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0].bookedCount).toBe(1);
    const mail = await queuedEmails();
    expect(mail.some((m) => String(m.subject).startsWith("A place has come up"))).toBe(true);

    // Someone else cannot jump the queue while the place is held.
    expect((await personAct(third.token, { intent: "book", sessionId: session.id })).body.message).toMatch(/already on the waitlist/);
    const taken = await personAct(second.token, { intent: "accept-offer", bookingId: offer.id });
    expect(taken.body.message).toMatch(/You are booked/);
    expect(await statusOf(second.id)).toBe("booked");
  });

  it("an offer nobody takes in time passes to the next person (worker job)", async () => {
    const { activity, referrer, session, person: first } = await setup({ capacity: 1 });
    const second = await refer(activity.id, referrer);
    const third = await refer(activity.id, referrer);
    await personAct(first.token, { intent: "book", sessionId: session.id });
    await personAct(second.token, { intent: "waitlist", sessionId: session.id });
    await personAct(third.token, { intent: "waitlist", sessionId: session.id });
    await personAct(first.token, { intent: "cancel", bookingId: (await liveBookings(first.id))[0].id });
    const [offer] = await liveBookings(second.id);
    const later = new Date(offer.offerExpiresAt!.getTime() + 1000);
    // Too late to take it.
    expect(await passOnLapsedOffers({ now: later })).toBe(1);
    expect((await liveBookings(second.id))[0].status).toBe("cancelled");
    expect((await liveBookings(third.id))[0].status).toBe("offered");
    const refused = await personAct(second.token, { intent: "accept-offer", bookingId: offer.id });
    expect(refused.status).toBe(409);
  });

  it("declining the referral: withdrawn by the person, upcoming bookings cancelled, referrer told", async () => {
    const { person, session, referrer } = await setup();
    await personAct(person.token, { intent: "book", sessionId: session.id });
    const result = await personAct(person.token, { intent: "decline", reason: "Found a choir instead" });
    expect(result.status).toBe(200);
    expect(await statusOf(person.id)).toBe("withdrawn");
    expect((await liveBookings(person.id))[0].status).toBe("cancelled");
    const db = await getDb();
    const [event] = await db.select().from(referralEvents).where(and(eq(referralEvents.referralId, person.id), eq(referralEvents.toStatus, "withdrawn")));
    expect(event).toMatchObject({ actorType: "person", note: "Found a choir instead" });
    const mail = await queuedEmails();
    expect(mail.some((m) => m.to === referrer.user.email && String(m.text).includes("Found a choir instead"))).toBe(true);
    // Once closed: no booking, no second decline.
    const before = await snapshotCounts();
    expect((await personAct(person.token, { intent: "book", sessionId: session.id })).status).toBe(409);
    expect((await personAct(person.token, { intent: "decline" })).status).toBe(409);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("shows the joining link of an online activity only once booked", async () => {
    const { person, session } = await setup({ online: true });
    const load = async () => (await callRoute(personLoader, await requestAs(null, "/r/x"), { token: person.token })).body.page.activity.joiningUrl;
    expect(await load()).toBeNull();
    await personAct(person.token, { intent: "book", sessionId: session.id });
    expect(await load()).toBe("https://meet.example.org/walk");
  });

  it("gives a calendar file with a stable UID; after cancelling it says CANCELLED", async () => {
    const { person, session } = await setup();
    await personAct(person.token, { intent: "book", sessionId: session.id });
    const [booking] = await liveBookings(person.id);
    const get = async () => callRoute<string>(calendarLoader, await requestAs(null, "/x"), { token: person.token, bookingId: booking.id });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toMatch(/text\/calendar/);
    const event = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
    expect(event(first.body).getFirstPropertyValue("uid")).toBe(`booking-${booking.id}@linkway`);
    expect(event(first.body).getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect((event(first.body).getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().getTime()).toBe(Math.floor(session.startsAt.getTime() / 1000) * 1000);
    await personAct(person.token, { intent: "cancel", bookingId: booking.id });
    const second = await get();
    expect(event(second.body).getFirstPropertyValue("uid")).toBe(`booking-${booking.id}@linkway`);
    expect(event(second.body).getFirstPropertyValue("status")).toBe("CANCELLED");
    // Another person's booking is not reachable with this link.
    const other = await setup();
    expect((await callRoute(calendarLoader, await requestAs(null, "/x"), { token: other.person.token, bookingId: booking.id })).status).toBe(404);
  });
});
