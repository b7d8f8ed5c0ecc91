/**
 * Marking a session's register. Who may mark: a member of the organisation
 * that runs the activity, or someone holding that session's one-tap link.
 * When: from the session's start until the register locks. Every change
 * writes an "attendance" event and updates the referral, in one transaction;
 * a refused change writes nothing.
 *
 * Two organisers marking the same person at once: the booking row is locked,
 * so the second waits, sees the first's mark as "previous", and its own mark
 * is the one that stays — the event log shows both, in order.
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { bookings, memberships } from "#db/schema";
import { recordReferralEvent, type Actor } from "~/modules/referrals/index.server";
import { effectiveAttendance, type OrganiserMark } from "~/modules/bookings/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { AttendanceError, linkProblems } from "./attendance-error";
import { reviewReferralAfterAttendance } from "./referral-loop.server";
import { resolveRegisterLink } from "./register-link.server";
import { REGISTER_EDITABLE_DAYS, registerLocksAt, registerState } from "./register-window";
import { loadSessionContext, type SessionContext } from "./session-context.server";
import { formatInTimezone } from "~/utils/time";

/** A signed-in person's address is kept in the audit log for the changes that are logged (reopening). */
export type RegisterAccess = { type: "user"; userId: string; ip?: string | null } | { type: "register_link"; token: string };

export interface AuthorisedRegister {
  context: SessionContext;
  actor: Actor;
  markedBy: string | null;
}

const notFound = () => new AttendanceError("not_found", "We could not find that session's register.", 404);

/** Who is asking, and whether this session's register takes changes now. Throws AttendanceError. */
export async function authoriseRegisterChange(
  tx: Tx,
  sessionId: string,
  access: RegisterAccess,
  now: Date,
): Promise<AuthorisedRegister> {
  if (!isUuid(sessionId)) throw notFound();
  let actor: Actor;
  if (access.type === "register_link") {
    const grant = await resolveRegisterLink(tx, access.token, now);
    if (grant.sessionId !== sessionId) throw linkProblems.otherSession();
    actor = { type: "register_link" };
  } else {
    actor = { type: "user", userId: access.userId };
  }
  const context = await loadSessionContext(tx, sessionId);
  if (!context) throw notFound();
  if (access.type === "user") {
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organisationId, context.activity.organisationId), eq(memberships.userId, access.userId)));
    // Outsiders learn nothing about the session, not even that it exists.
    if (!member) throw notFound();
  }
  assertRegisterOpen(context, now);
  return { context, actor, markedBy: access.type === "user" ? access.userId : null };
}

export function assertRegisterOpen(context: SessionContext, now: Date): void {
  const { session, activity } = context;
  const state = registerState(session, now);
  if (state === "cancelled") {
    throw new AttendanceError("cancelled", "This session was cancelled, so there is no register to mark.", 409);
  }
  if (state === "not_started") {
    const at = `${formatInTimezone(session.startsAt, activity.timezone, "time")} on ${formatInTimezone(session.startsAt, activity.timezone, "date")}`;
    throw new AttendanceError("not_started", `This session has not started yet. You can mark the register from ${at}.`, 409);
  }
  if (state === "locked") {
    const closedOn = formatInTimezone(registerLocksAt(session), activity.timezone, "fullDate");
    throw new AttendanceError(
      "locked",
      `This register closed on ${closedOn}, ${REGISTER_EDITABLE_DAYS} days after the session. Ask Linkway staff to reopen it if something needs correcting.`,
      409,
    );
  }
}

const notBooked = () =>
  new AttendanceError("not_booked", "This person is not booked on this session, so their attendance cannot be marked here.", 409);

/** Changes one booking's mark inside an authorised transaction; returns whether anything changed. */
export async function applyMark(
  tx: Tx,
  register: AuthorisedRegister,
  bookingId: string,
  attendance: OrganiserMark,
  now: Date,
): Promise<boolean> {
  if (!isUuid(bookingId)) throw notBooked();
  const { session } = register.context;
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.sessionId, session.id)))
    .for("update");
  if (!booking || booking.status !== "booked") throw notBooked();
  if (booking.attendance === attendance) return false;

  const before = effectiveAttendance(booking);
  const [updated] = await tx
    .update(bookings)
    .set({
      attendance,
      markedBy: attendance === "unmarked" ? null : register.markedBy,
      markedAt: attendance === "unmarked" ? null : now,
      updatedAt: now,
    })
    .where(eq(bookings.id, booking.id))
    .returning();
  await recordReferralEvent(tx, {
    referralId: booking.referralId,
    at: now,
    kind: "attendance",
    actor: register.actor,
    data: { bookingId: booking.id, sessionId: session.id, startsAt: session.startsAt.toISOString(), attendance, previous: booking.attendance },
  });
  const after = effectiveAttendance(updated);
  await reviewReferralAfterAttendance(tx, {
    referralId: booking.referralId,
    actor: register.actor,
    now,
    change: { bookingId: booking.id, sessionId: session.id, when: register.context.when, mark: after, changed: after !== before, reportedBy: "organiser" },
  });
  return true;
}

export interface MarkInput {
  sessionId: string;
  bookingId: string;
  attendance: OrganiserMark;
  access: RegisterAccess;
  now?: Date;
}

/** Attended, did not attend, or undo (back to unmarked) for one person. */
export async function markAttendance(input: MarkInput): Promise<{ changed: boolean }> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const register = await authoriseRegisterChange(tx, input.sessionId, input.access, now);
    return { changed: await applyMark(tx, register, input.bookingId, input.attendance, now) };
  });
}

/** "Everyone attended": marks everyone booked and not yet marked; leaves existing marks alone. */
export async function markEveryoneAttended(input: { sessionId: string; access: RegisterAccess; now?: Date }): Promise<{ marked: number }> {
  const now = input.now ?? clockNow();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const register = await authoriseRegisterChange(tx, input.sessionId, input.access, now);
    // Locked in id order so two "everyone" taps cannot deadlock each other.
    const unmarked = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.sessionId, input.sessionId), eq(bookings.status, "booked"), eq(bookings.attendance, "unmarked")))
      .orderBy(asc(bookings.id))
      .for("update");
    let marked = 0;
    for (const { id } of unmarked) if (await applyMark(tx, register, id, "attended", now)) marked++;
    return { marked };
  });
}
