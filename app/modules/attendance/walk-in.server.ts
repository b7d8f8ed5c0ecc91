/**
 * Someone turned up without a referral: the organiser adds them on the spot
 * with their agreement. It becomes a self-referral (source "walk_in") with a
 * booking on this session, marked attended.
 * TODO(lead): once issue 6 lands, create the referral through the referrals
 * module's create function instead of the small insert below.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb, queryRows, type Tx } from "#db/client";
import { bookings, referralEvents, referrals, sessions } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { AttendanceError } from "./attendance-error";
import { registerName } from "./effective-attendance";
import { applyMark, authoriseRegisterChange } from "./mark-attendance.server";

// No 0/O or 1/I/L: codes are read out over the phone.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const chars = Array.from(bytes, (b) => codeAlphabet[b % codeAlphabet.length]);
  return `${chars.slice(0, 3).join("")}-${chars.slice(3).join("")}`;
}

async function uniqueCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = randomCode();
    const [taken] = await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.code, code));
    if (!taken) return code;
  }
  throw new Error("Could not find a free reference code");
}

export async function addWalkIn(input: {
  sessionId: string;
  userId: string;
  person: { firstName: string; lastName: string; email?: string; phone?: string };
  now?: Date;
}): Promise<{ referralId: string; bookingId: string; code: string; name: string }> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const register = await authoriseRegisterChange(tx, input.sessionId, { type: "user", userId: input.userId }, now);
    const { session, activity } = register.context;
    const { firstName, lastName, email, phone } = input.person;
    const name = registerName(firstName, lastName);

    // A second tap on "Add" (or a resubmitted form) must not add the same person twice.
    const [already] = await queryRows<{ id: string }>(
      tx,
      sql`select b.id from bookings b join referrals r on r.id = b.referral_id
          where b.session_id = ${session.id} and b.status = 'booked' and r.source = 'walk_in'
            and lower(r.patient_first_name) = lower(${firstName}) and lower(r.patient_last_name) = lower(${lastName})`,
    );
    if (already) throw new AttendanceError("not_booked", `${name} is already on this register.`, 409);

    const [referral] = await tx
      .insert(referrals)
      .values({
        code: await uniqueCode(tx),
        activityId: activity.id,
        source: "walk_in",
        patientFirstName: firstName,
        patientLastName: lastName,
        patientEmail: email || null,
        patientPhone: phone || null,
        preferredContact: email ? "email" : phone ? "phone" : "email",
        consentAt: now,
        status: "booked",
        statusChangedAt: now,
        linkExpiresAt: new Date(now.getTime() + env().REFERRAL_LINK_DAYS * 86_400_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      at: now,
      kind: "status",
      fromStatus: null,
      toStatus: "booked",
      actorType: "user",
      actorUserId: input.userId,
      note: "Walked in and was added to the register",
      data: { source: "walk_in", sessionId: session.id },
    });
    const [booking] = await tx
      .insert(bookings)
      .values({ referralId: referral.id, sessionId: session.id, status: "booked", createdAt: now, updatedAt: now })
      .returning();
    // A walk-in is already in the room: they take a place even when the session is full.
    await tx
      .update(sessions)
      .set({ bookedCount: sql`${sessions.bookedCount} + 1`, updatedAt: now })
      .where(and(eq(sessions.id, session.id)));
    await tx.insert(referralEvents).values({
      referralId: referral.id,
      at: now,
      kind: "booking",
      actorType: "user",
      actorUserId: input.userId,
      note: "Booked (walk-in)",
      data: { bookingId: booking.id, sessionId: session.id, startsAt: session.startsAt.toISOString(), status: "booked" },
    });
    await applyMark(tx, register, booking.id, "attended", now);
    return { referralId: referral.id, bookingId: booking.id, code: referral.code, name };
  });
}
