/**
 * Someone turned up without a referral: the organiser adds them on the spot
 * with their agreement. It becomes a self-referral (source "walk_in") with a
 * booking on this session, marked attended. The referral itself is opened
 * by the referrals module, the one way a referral is made.
 */
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client";
import { openWalkInReferral, shortName } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { AttendanceError } from "./attendance-error";
import { applyMark, authoriseRegisterChange } from "./mark-attendance.server";

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
    const name = shortName({ personFirstName: firstName, personLastName: lastName });

    // A second tap on "Add" (or a resubmitted form) must not add the same person twice.
    const [already] = await queryRows<{ id: string }>(
      tx,
      sql`select b.id from bookings b join referrals r on r.id = b.referral_id
          where b.session_id = ${session.id} and b.status = 'booked' and r.source = 'walk_in'
            and lower(r.person_first_name) = lower(${firstName}) and lower(r.person_last_name) = lower(${lastName})`,
    );
    if (already) throw new AttendanceError("not_booked", `${name} is already on this register.`, 409);

    const { referral, booking } = await openWalkInReferral(tx, {
      activityId: activity.id,
      sessionId: session.id,
      userId: input.userId,
      person: { firstName, lastName, email, phone },
      now,
    });
    await applyMark(tx, register, booking.id, "attended", now);
    return { referralId: referral.id, bookingId: booking.id, code: referral.code, name };
  });
}
