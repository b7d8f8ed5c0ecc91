/**
 * The organisers' daily booking summary: one email a morning to each
 * member, listing places people booked from their links since the last one.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { bookings } from "../../db/schema";
import { deliverPendingEmails, listDevMailbox } from "~/modules/notifications/index.server";
import { latestDigestTime, sendBookingDigests, performPersonAction } from "~/modules/referrals/index.server";
import { addMember, createActivity, createSession, createUser } from "../factories";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { HOUR_MS } from "~/utils/time";

const DAY = 24 * HOUR_MS;
const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

// A morning two days from now, the next one after it, and sessions later still.
const morning = latestDigestTime(at(new Date(), 2 * DAY));
const nextMorning = latestDigestTime(at(morning, 30 * HOUR_MS));
const sessionStart = at(new Date(), 6 * DAY);

async function setup() {
  const { organisation, user: owner } = await createOrganiser();
  const member = await createUser();
  await addMember(organisation.id, member.id, "member");
  const walk = await createActivity({ organisationId: organisation.id, title: "Canal Walk" });
  const choir = await createActivity({ organisationId: organisation.id, title: "Community Choir" });
  const walkSession = await createSession(walk.id, { startsAt: sessionStart });
  const choirSession = await createSession(choir.id, { startsAt: at(sessionStart, DAY) });
  const referrer = await createReferrer();
  return { organisation, owner, member, walk, choir, walkSession, choirSession, referrer };
}

async function bookAt(token: string, sessionId: string, when: Date) {
  const result = await performPersonAction(token, { intent: "book", sessionId }, when);
  expect(result.ok).toBe(true);
}

async function digestsTo(address: string) {
  await deliverPendingEmails();
  return (await listDevMailbox({ to: address })).filter((m) => /new bookings? for/.test(m.subject));
}

describe("the summary time", () => {
  it("is the latest 07:00 in London, in summer and in winter", () => {
    expect(latestDigestTime(new Date("2026-07-01T06:30:00Z")).toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(latestDigestTime(new Date("2026-07-01T05:59:00Z")).toISOString()).toBe("2026-06-30T06:00:00.000Z");
    expect(latestDigestTime(new Date("2026-01-15T07:00:00Z")).toISOString()).toBe("2026-01-15T07:00:00.000Z");
    expect(latestDigestTime(new Date("2026-01-15T00:10:00Z")).toISOString()).toBe("2026-01-14T07:00:00.000Z");
    // The morning the clocks go forward (29 March 2026) and the one after.
    expect(latestDigestTime(new Date("2026-03-29T05:00:00Z")).toISOString()).toBe("2026-03-28T07:00:00.000Z");
    expect(latestDigestTime(new Date("2026-03-29T06:00:00Z")).toISOString()).toBe("2026-03-29T06:00:00.000Z");
  });
});

describe("the daily booking summary", () => {
  it("lists the day's bookings the next morning, once, to each member, with short names and references only", async () => {
    const { owner, member, walk, choir, walkSession, choirSession, referrer, organisation } = await setup();
    const margaret = await refer(walk.id, referrer, { firstName: "Margaret", lastName: "Thompson", email: "margaret.t@example.org" });
    const ade = await refer(walk.id, referrer, { firstName: "Ade", lastName: "Okoro" });
    const joan = await refer(choir.id, referrer, { firstName: "Joan", lastName: "Smith" });
    await bookAt(margaret.token, walkSession.id, at(morning, 2 * HOUR_MS));
    await bookAt(joan.token, choirSession.id, at(morning, 3 * HOUR_MS));
    await bookAt(ade.token, walkSession.id, at(morning, 20 * HOUR_MS));

    // Before the next morning, nothing: today's bookings wait for tomorrow's summary.
    expect(await sendBookingDigests({ now: at(nextMorning, -60_000) })).toBe(0);
    expect(await sendBookingDigests({ now: at(nextMorning, 60_000) })).toBe(1);
    for (const to of [owner.email, member.email]) {
      const [digest, ...others] = await digestsTo(to);
      expect(others).toHaveLength(0);
      expect(digest.subject).toBe(`3 new bookings for ${organisation.name}`);
      const walkLine = digest.text.split("\n").find((l) => l.startsWith("Canal Walk, "))!;
      expect(walkLine).toContain(`Margaret T. (reference ${margaret.code}); Ade O. (reference ${ade.code})`);
      expect(digest.text).toContain(`Community Choir, `);
      expect(digest.text).toContain(`Joan S. (reference ${joan.code})`);
      // Sessions in date order.
      expect(digest.text.indexOf("Canal Walk")).toBeLessThan(digest.text.indexOf("Community Choir"));
      expect(digest.text).toContain("/organiser/referrals");
      expect(digest.text).not.toContain("margaret.t@example.org");
      expect(digest.text).not.toContain("Thompson");
    }
    // Later runs that day, and the next morning with nothing new, send nothing.
    expect(await sendBookingDigests({ now: at(nextMorning, 2 * HOUR_MS) })).toBe(0);
    expect(await sendBookingDigests({ now: at(nextMorning, DAY + HOUR_MS) })).toBe(0);
    expect(await digestsTo(owner.email)).toHaveLength(1);
  });

  it("leaves out places given up since (they were emailed when it happened); tells nobody when nothing is left", async () => {
    const { owner, walk, walkSession, referrer } = await setup();
    const margaret = await refer(walk.id, referrer, { firstName: "Margaret" });
    await bookAt(margaret.token, walkSession.id, at(morning, HOUR_MS));
    const db = await getDb();
    const [booking] = await db.select().from(bookings).where(eq(bookings.referralId, margaret.id));
    expect((await performPersonAction(margaret.token, { intent: "cancel", bookingId: booking.id }, at(morning, 2 * HOUR_MS))).ok).toBe(true);
    expect(await sendBookingDigests({ now: at(nextMorning, 60_000) })).toBe(0);
    expect(await digestsTo(owner.email)).toHaveLength(0);
  });

  it("keeps organisations apart, and two workers running at once send one summary", async () => {
    const first = await setup();
    const second = await setup();
    const a = await refer(first.walk.id, first.referrer, { firstName: "Alice" });
    const b = await refer(second.walk.id, second.referrer, { firstName: "Bob" });
    await bookAt(a.token, first.walkSession.id, at(morning, HOUR_MS));
    await bookAt(b.token, second.walkSession.id, at(morning, HOUR_MS));
    const runs = await Promise.all([sendBookingDigests({ now: at(nextMorning, 60_000) }), sendBookingDigests({ now: at(nextMorning, 60_000) })]);
    expect(runs[0] + runs[1]).toBe(2);
    const [toFirst] = await digestsTo(first.owner.email);
    expect(await digestsTo(first.owner.email)).toHaveLength(1);
    expect(toFirst.subject).toBe(`1 new booking for ${first.organisation.name}`);
    expect(toFirst.text).toContain("Alice");
    expect(toFirst.text).not.toContain("Bob");
  });
});
