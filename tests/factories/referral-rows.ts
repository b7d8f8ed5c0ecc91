/**
 * Referrals, person links and bookings inserted directly, for tests of what
 * happens after someone is referred and books (issue 6 builds the real flow).
 */
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { bookings, oneTimeTokens, outcomeResponses, referrals, sessions } from "../../db/schema";
import { newToken } from "~/modules/accounts/index.server";
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

/** A booking that takes a place, as the bookings module would. */
export async function createBooking(referralId: string, sessionId: string, overrides: Partial<typeof bookings.$inferInsert> = {}) {
  const db = await getDb();
  const [row] = await db
    .insert(bookings)
    .values({ referralId, sessionId, status: "booked", ...overrides })
    .returning();
  if ((overrides.status ?? "booked") === "booked") {
    await db.update(sessions).set({ bookedCount: sql`${sessions.bookedCount} + 1` }).where(eq(sessions.id, sessionId));
  }
  return row;
}

export async function createBaseline(
  referralId: string,
  answers: { ons4: Record<string, number>; ucla3: Record<string, number> },
  createdAt = new Date(),
) {
  const db = await getDb();
  const u = answers.ucla3;
  await db.insert(outcomeResponses).values([
    { referralId, instrument: "ons4", phase: "baseline", answers: answers.ons4, score: null, createdAt },
    { referralId, instrument: "ucla3", phase: "baseline", answers: u, score: u.lack_companionship + u.left_out + u.isolated, createdAt },
  ]);
}
