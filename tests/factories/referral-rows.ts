/**
 * Referrals, person links and bookings inserted directly, for tests of what
 * happens after someone is referred and books, without going through every page.
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { bookings, oneTimeTokens, outcomeResponses, referrals } from "../../db/schema";
import { newToken } from "~/modules/accounts/index.server";
import { placeWalkInBooking } from "~/modules/bookings/index.server";
import { type Ucla3Answers, ucla3Score } from "~/modules/outcomes/index.server";
import { DAY_MS, addDays } from "~/utils/time";

let counter = 0;
const next = () => ++counter;

function testCode(): string {
  const n = `${next()}${Math.floor(Math.random() * 1e6)}`.padStart(6, "0").slice(-6);
  return `T${n.slice(0, 2)}-${n.slice(2)}`;
}

export async function createReferral(overrides: Partial<typeof referrals.$inferInsert> & { activityId: string | null }) {
  const db = await getDb();
  const now = new Date();
  const [row] = await db
    .insert(referrals)
    .values({
      code: testCode(),
      source: "referrer",
      personFirstName: "Margaret",
      personLastName: `Hughes${next()}`,
      personEmail: `margaret${next()}@example.test`,
      consentAt: now,
      status: "booked",
      linkExpiresAt: addDays(now, 60),
      ...overrides,
    })
    .returning();
  return row;
}

/** A private link for the person; returns the token to put in /r/:token. */
export async function createPersonLink(referralId: string, options: { expiresAt?: Date } = {}) {
  const db = await getDb();
  const { id, token, secretHash } = newToken();
  await db.insert(oneTimeTokens).values({
    id,
    purpose: "person_link",
    secretHash,
    subjectId: referralId,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 60 * DAY_MS),
  });
  return token;
}

/**
 * A booking. A booked one takes its place through the bookings module (as a
 * walk-in does: full, past or not), so the session's count stays true; other
 * statuses hold no place and are inserted as they are.
 */
export async function createBooking(referralId: string, sessionId: string, overrides: Partial<typeof bookings.$inferInsert> = {}) {
  const db = await getDb();
  if ((overrides.status ?? "booked") !== "booked") {
    const [row] = await db.insert(bookings).values({ referralId, sessionId, status: "booked", ...overrides }).returning();
    return row;
  }
  return db.transaction(async (tx) => {
    const booking = await placeWalkInBooking(tx, { referralId, sessionId, now: new Date() });
    if (Object.keys(overrides).length === 0) return booking;
    const [row] = await tx.update(bookings).set(overrides).where(eq(bookings.id, booking.id)).returning();
    return row;
  });
}

export async function createBaseline(
  referralId: string,
  answers: { ons4: Record<string, number>; ucla3: Ucla3Answers },
  createdAt = new Date(),
) {
  const db = await getDb();
  const u = answers.ucla3;
  await db.insert(outcomeResponses).values([
    { referralId, instrument: "ons4", phase: "baseline", answers: answers.ons4, score: null, createdAt },
    { referralId, instrument: "ucla3", phase: "baseline", answers: u, score: ucla3Score(u), createdAt },
  ]);
}
