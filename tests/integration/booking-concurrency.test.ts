import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb, queryRows } from "../../db/client";
import { bookings, sessions } from "../../db/schema";
import { performPersonAction } from "~/modules/referrals/index.server";
import { createActivity, createSession } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { DAY_MS } from "~/utils/time";

const ROUNDS = 5;
const PEOPLE = 50;
const CAPACITY = 30;
const ALREADY_TAKEN = 20; // so the last 10 places are left

const { kind } = await getDatabase();

// PGlite is a single connection: transactions run one after another, so it cannot show a race.
describe.skipIf(kind !== "postgres")("booking under concurrency (real PostgreSQL; skipped on PGlite, which is single-connection and cannot race)", () => {
  it(`${PEOPLE} people booking the last 10 places at once end with exactly 10 bookings, ${ROUNDS} rounds`, async () => {
    const referrer = await createReferrer();
    const activity = await createActivity();
    const people = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await refer(activity.id, referrer, { firstName: `Person ${i}` }));
    const db = await getDb();

    for (let round = 0; round < ROUNDS; round++) {
      const session = await createSession(activity.id, { capacity: CAPACITY, bookedCount: ALREADY_TAKEN, startsAt: new Date(Date.now() + (round + 2) * DAY_MS) });
      // Half ask to book outright (refused when full), half would rather wait.
      const results = await Promise.all(
        people.map((p, i) => performPersonAction(p.token, { intent: i % 2 === 0 ? "book" : "waitlist", sessionId: session.id })),
      );
      const rows = await db.select().from(bookings).where(eq(bookings.sessionId, session.id));
      const booked = rows.filter((b) => b.status === "booked").length;
      const waitlisted = rows.filter((b) => b.status === "waitlisted").length;
      const refused = results.filter((r) => !r.ok).length;
      expect(booked).toBe(10);
      expect(waitlisted + refused).toBe(PEOPLE - 10);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409 && /full/.test(r.message))).toBe(true);
      const [after] = await db.select().from(sessions).where(eq(sessions.id, session.id));
      expect(after.bookedCount).toBe(CAPACITY);
      // The place is taken last in each booking's transaction; a booker who lost
      // the race leaves no "booked" timeline event behind (the savepoint undid it).
      const [{ n: bookedEvents }] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from referral_events where kind = 'booking' and data->>'action' = 'booked' and data->>'sessionId' = ${session.id}`,
      );
      expect(Number(bookedEvents)).toBe(10);
    }
    const [{ over }] = await queryRows<{ over: number }>(db, sql`select count(*)::int as over from sessions where booked_count > capacity`);
    expect(Number(over)).toBe(0);
  }, 120_000);
});
