import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { queuedEmails } from "../factories/mail";
import { bookings, devMailbox, outbox, referralEvents, referrals, sessions } from "../../db/schema";
import { deliverPendingEmails, queueEmail, enqueue } from "~/modules/notifications/index.server";
import { sendBookingReminders, expireIdleReferrals, handleSessionCancellations } from "~/modules/referrals/index.server";
import { createActivity, createSession } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { DAY_MS, HOUR_MS } from "~/utils/time";
import { personAct } from "../factories/person";

describe("worker jobs", () => {
  it("delivers queued email to the development mailbox (inside the worker's transaction, also on PGlite)", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "Someone@Example.org", subject: "Hello", text: "Hi" });
    expect(await deliverPendingEmails()).toBeGreaterThanOrEqual(1);
    const rows = await db.select().from(devMailbox).where(eq(devMailbox.to, "someone@example.org"));
    expect(rows).toHaveLength(1);
  });

  it("expires referrals nobody acted on (sent, or accepted but never booked) and tells the referrer", async () => {
    const referrer = await createReferrer();
    const open = await createActivity();
    const screened = await createActivity({ requiresScreening: true });
    const session = await createSession(open.id);
    const idleAccepted = await refer(open.id, referrer);
    const idleSent = await refer(screened.id, referrer);
    const booked = await refer(open.id, referrer);
    await personAct(booked.token, { intent: "book", sessionId: session.id });
    const later = new Date(Date.now() + 22 * DAY_MS);
    expect(await expireIdleReferrals({ now: new Date(Date.now() + 20 * DAY_MS) })).toBe(0);
    expect(await expireIdleReferrals({ now: later })).toBe(2);
    const db = await getDb();
    const statuses = Object.fromEntries((await db.select().from(referrals)).map((r) => [r.id, r.status]));
    expect(statuses[idleAccepted.id]).toBe("expired");
    expect(statuses[idleSent.id]).toBe("expired");
    expect(statuses[booked.id]).toBe("booked");
    const [event] = await db.select().from(referralEvents).where(and(eq(referralEvents.referralId, idleSent.id), eq(referralEvents.toStatus, "expired")));
    expect(event).toMatchObject({ fromStatus: "sent", actorType: "system" });
    const mail = await queuedEmails();
    expect(mail.filter((m) => String(m.subject).includes("has expired"))).toHaveLength(2);
    // Run again: nothing more to do.
    expect(await expireIdleReferrals({ now: later })).toBe(0);
  });

  it("reminds each booked person once, about a day before", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const soon = await createSession(activity.id, { startsAt: new Date(Date.now() + 20 * HOUR_MS) });
    const later = await createSession(activity.id, { startsAt: new Date(Date.now() + 5 * DAY_MS) });
    const person = await refer(activity.id, referrer);
    await personAct(person.token, { intent: "book", sessionId: soon.id });
    await personAct(person.token, { intent: "book", sessionId: later.id });
    expect(await sendBookingReminders()).toBe(1);
    expect(await sendBookingReminders()).toBe(0);
    const db = await getDb();
    const remaining = await db.select().from(bookings).where(and(eq(bookings.referralId, person.id), isNull(bookings.reminderSentAt)));
    expect(remaining.map((b) => b.sessionId)).toEqual([later.id]);
    const mail = await queuedEmails();
    const reminder = mail.find((m) => String(m.subject).startsWith("Reminder:"))!;
    expect(String(reminder.text)).toContain(person.code);
    expect(String(reminder.text)).toMatch(/\/r\/[a-z0-9]+\.[a-z0-9]+/);
  });

  it("a cancelled session cancels its bookings, frees the places, moves referrals back and tells people", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const session = await createSession(activity.id, { capacity: 1 });
    const other = await createSession(activity.id, { startsAt: new Date(Date.now() + 9 * DAY_MS) });
    const a = await refer(activity.id, referrer);
    const b = await refer(activity.id, referrer);
    const c = await refer(activity.id, referrer);
    await personAct(a.token, { intent: "book", sessionId: session.id });
    await personAct(b.token, { intent: "waitlist", sessionId: session.id });
    await personAct(c.token, { intent: "book", sessionId: session.id });
    await personAct(c.token, { intent: "book", sessionId: other.id });
    const db = await getDb();
    await db.update(sessions).set({ status: "cancelled", cancelReason: "The hall is flooded" }).where(eq(sessions.id, session.id));
    await enqueue(db, "event", { type: "some.other.event" });
    await enqueue(db, "event", { type: "session.cancelled", sessionId: session.id, reason: "The hall is flooded" });

    expect(await handleSessionCancellations()).toBe(1);
    const statuses = Object.fromEntries((await db.select().from(referrals)).map((r) => [r.id, r.status]));
    expect(statuses[a.id]).toBe("accepted");
    expect(statuses[c.id]).toBe("booked"); // still booked on the other session
    const onSession = await db.select().from(bookings).where(eq(bookings.sessionId, session.id));
    expect(onSession.every((x) => x.status === "cancelled")).toBe(true);
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0].bookedCount).toBe(0);
    const mail = await queuedEmails();
    expect(mail.filter((m) => String(m.subject).startsWith("Session cancelled:")).length).toBe(2);
    expect(mail.some((m) => m.to === referrer.user.email && String(m.text).includes("organiser cancelled the session"))).toBe(true);
    // Other consumers' events are left alone; running again does nothing.
    const pending = await db.select().from(outbox).where(and(eq(outbox.topic, "event"), isNull(outbox.processedAt)));
    expect(pending.map((p) => p.payload.type)).toEqual(["some.other.event"]);
    expect(await handleSessionCancellations()).toBe(0);
  });
});
