/**
 * What the person does from their private link: book, join a waitlist,
 * cancel, take an offered place, say no thanks to the referral, or have
 * their details removed (personal-data.server.ts). Each is
 * one transaction under the referral's row lock; a refusal writes nothing.
 */
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { bookings, referrals, sessions } from "#db/schema";
import { cancelBooking, placeBooking, restoreCancelledBooking, type Booking, type BookedSession, confirmOffer } from "~/modules/bookings/index.server";
import { lastDelivered, withdrawPending } from "~/modules/notifications/index.server";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { bookedMessage, cancelledByPersonMessage, organiserCancelledMessage, referrerBookedMessage, referrerCancelledMessage, waitlistedMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { announceOffer, recordBookingEvent } from "./booking-events.server";
import { canUndoCancellation, CANCEL_UNDO_MINUTES, undoCancelUntil } from "./cancel-undo";
import { recentUndoableCancellations } from "./cancel-undo.server";
import { bookableStatuses, IllegalTransitionError } from "./lifecycle";
import { linkProblemMessages } from "./link-problems";
import { messageOrganisers, messagePerson, messageReferrer, personMessageKey } from "./notify.server";
import { openPersonLink } from "./person-link.server";
import { removeDetailsAtPersonsRequest } from "./personal-data.server";
import type { ReferralContext } from "./referral-context.server";
import type { Actor } from "./referral-events.server";
import type { PersonAction } from "./schemas";
import { clearNoBookingStall } from "./stall-flag.server";
import { transitionReferral } from "./transition-referral.server";

export type PersonActionResult =
  | { ok: true; message: string }
  | { ok: false; status: 400 | 404 | 409 | 410; message: string };

class Refused extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410,
    message: string,
  ) {
    super(message);
  }
}

const person: Actor = { type: "person" };


export async function performPersonAction(token: string, action: PersonAction, now: Date = clockNow()): Promise<PersonActionResult> {
  const db = await getDb();
  try {
    const message = await db.transaction(async (tx) => {
      // The referral's row lock serialises this person's submits (a double click finds the first booking);
      // it comes with the link's check and the referral's context, in one round trip for every action.
      const link = await openPersonLink(tx, token, now, { lock: true });
      if (link.status === "invalid") throw new Refused(404, linkProblemMessages.invalid);
      if (link.status === "expired" || link.status === "ended") throw new Refused(410, linkProblemMessages[link.status]);
      // A referral of connection actions only has no activity, so no context.
      const ctx = link.context;
      // Needs no activity: a referral of connection actions only has none, and its person may ask too.
      if (action.intent === "remove-details") {
        await removeDetailsAtPersonsRequest(tx, link.referral.id, now);
        return "Your details have been removed.";
      }
      if (!ctx) throw new Refused(409, "There are no sessions to book with this link. Your actions are on your actions page.");
      switch (action.intent) {
        case "book":
        case "waitlist":
          return book(tx, ctx, action.sessionId, action.intent === "waitlist", now);
        case "cancel":
          return cancel(tx, ctx, action.bookingId, now);
        case "undo-cancel":
          return undoCancel(tx, ctx, action.bookingId, now);
        case "accept-offer":
          return takeOffer(tx, ctx, action.bookingId, now);
        case "decline":
          await transitionReferral(tx, { referralId: ctx.referral.id, to: "withdrawn", actor: person, note: action.reason ?? null, now, expectedFrom: ctx.referral.status });
          return "Thank you for letting us know. The person who referred you has been told.";
      }
    });
    return { ok: true, message };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, status: error.status, message: error.message };
    if (error instanceof IllegalTransitionError) return { ok: false, status: 409, message: error.message };
    if (isUniqueViolation(error)) return { ok: true, message: "You already have a place on that session." };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

function assertCanBook(ctx: ReferralContext) {
  const { status } = ctx.referral;
  if (status === "sent") throw new Refused(409, "The organiser has not said yes to your referral yet. You can book once they do; we will email you.");
  if (!bookableStatuses.includes(status)) throw new Refused(409, "This referral has ended, so you cannot book sessions with this link. Please contact the person who referred you.");
}

async function sessionWhen(tx: Tx, ctx: ReferralContext, sessionId: string) {
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
  return session ? sessionWhenOf(ctx, session) : { when: "", startsAt: null, joiningUrl: null };
}

function sessionWhenOf(ctx: ReferralContext, session: BookedSession) {
  return {
    when: formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone),
    startsAt: session.startsAt as Date | null,
    joiningUrl: ctx.activity.online ? ctx.activity.onlineUrl : null,
  };
}

/** Booked → the referral moves to "booked" (if it was waiting), the person and the referrer are told. */
async function confirmBooked(tx: Tx, ctx: ReferralContext, booking: Booking, now: Date) {
  const session = await sessionWhen(tx, ctx, booking.sessionId);
  return confirmBookedAt(tx, ctx, booking, session, now);
}

async function confirmBookedAt(tx: Tx, ctx: ReferralContext, booking: Booking, session: Awaited<ReturnType<typeof sessionWhen>>, now: Date) {
  await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "booked", booking, actor: person, at: now, startsAt: session.startsAt ?? undefined });
  await clearNoBookingStall(tx, ctx.referral, now);
  if (ctx.referral.status === "accepted") {
    await transitionReferral(tx, {
      referralId: ctx.referral.id,
      to: "booked",
      actor: person,
      data: { bookingId: booking.id, sessionId: booking.sessionId, startsAt: session.startsAt?.toISOString() },
      now,
      expectedFrom: ctx.referral.status,
    });
  }
  await messagePerson(tx, ctx, now, (base) => bookedMessage({ ...base, session }));
  await messageReferrer(tx, ctx, (base) => referrerBookedMessage({ ...base, when: session.when }));
  return session;
}

async function book(tx: Tx, ctx: ReferralContext, sessionId: string, waitlistIfFull: boolean, now: Date): Promise<string> {
  assertCanBook(ctx);
  const result = await placeBooking(tx, { referralId: ctx.referral.id, activityId: ctx.activity.id, sessionId, waitlistIfFull, now }, (sp, booking, session) =>
    confirmBookedAt(sp, ctx, booking, sessionWhenOf(ctx, session), now),
  );
  switch (result.kind) {
    case "refused":
      switch (result.reason) {
        case "not_found":
          throw new Refused(404, "We could not find that session. Please choose one from the list.");
        case "cancelled":
          throw new Refused(409, "Sorry, that session has been cancelled. Please choose another one.");
        case "past":
          throw new Refused(409, "That session has already started or finished. Please choose another one.");
        case "full":
          throw new Refused(409, "Sorry, that session is now full. You can join its waitlist, or choose another session.");
      }
      break;
    case "already":
      return result.booking.status === "waitlisted" ? "You are already on the waitlist for that session." : "You already have a place on that session.";
    case "booked":
      return `You are booked for ${result.confirmed.when}. We have sent you the details.`;
    case "waitlisted": {
      const session = sessionWhenOf(ctx, result.session);
      await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "waitlisted", booking: result.booking, actor: person, at: now, startsAt: result.session.startsAt });
      await messagePerson(tx, ctx, now, (base) => waitlistedMessage({ ...base, session }));
      return `You are on the waitlist for ${session.when}. If a place comes up, we will let you know.`;
    }
  }
  throw new Error("unreachable");
}

async function ownBooking(tx: Tx, ctx: ReferralContext, bookingId: string): Promise<Booking> {
  const [booking] = await tx.select().from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.referralId, ctx.referral.id)));
  if (!booking) throw new Refused(404, "We could not find that booking.");
  return booking;
}

async function cancel(tx: Tx, ctx: ReferralContext, bookingId: string, now: Date): Promise<string> {
  const booking = await ownBooking(tx, ctx, bookingId);
  const session = await sessionWhen(tx, ctx, booking.sessionId);
  if (booking.status === "cancelled") return "That booking is already cancelled.";
  if (session.startsAt && session.startsAt.getTime() <= now.getTime()) throw new Refused(409, "That session has already started, so it cannot be cancelled now.");
  const result = await cancelBooking(tx, booking.id, now);
  if (!result) return "That booking is already cancelled.";
  const undoable = result.before.status === "booked";
  await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "cancelled", booking: result.before, actor: person, at: now, startsAt: session.startsAt ?? undefined, undoable });
  if (undoable) {
    await moveBackIfNoBookingsLeft(tx, ctx.referral.id, person, now);
    // Everyone hears once the cancellation can no longer be undone, so an undo leaves nobody told twice.
    const availableAt = undoCancelUntil(now);
    const about = cancellationKey(booking.id);
    await messagePerson(tx, ctx, now, (base) => cancelledByPersonMessage({ ...base, session }), { availableAt, about });
    await messageReferrer(tx, ctx, (base) => referrerCancelledMessage({ ...base, when: session.when, bySession: false }), { availableAt, key: about });
    // A freed place matters to the organiser soon; if it goes to the waitlist, that flow tells the next person.
    await messageOrganisers(tx, ctx, (base) => organiserCancelledMessage({ ...base, when: session.when, freed: result.nextOffer ? "offered" : "free" }), { availableAt, key: about });
  }
  if (result.nextOffer) await announceOffer(tx, result.nextOffer, now);
  if (result.before.status === "waitlisted") return `You have left the waitlist for ${session.when}.`;
  if (result.before.status === "offered") return `You have said no to the place on ${session.when}. It will go to the next person waiting.`;
  return `Your place on ${session.when} is cancelled. You can undo this for ${CANCEL_UNDO_MINUTES} minutes.`;
}

/** Names the messages about one cancelled booking, so an undo can take them back while they wait. */
function cancellationKey(bookingId: string): string {
  return `booking-cancelled:${bookingId}`;
}

/**
 * Puts back the place the person cancelled in the last few minutes, if it is still free (a freed place may
 * already be offered to someone waiting, which is not taken back from them). The cancellation's messages are
 * withdrawn, so nobody hears of either; a message that somehow went already is answered with the usual ones.
 */
async function undoCancel(tx: Tx, ctx: ReferralContext, bookingId: string, now: Date): Promise<string> {
  const booking = await ownBooking(tx, ctx, bookingId);
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, booking.sessionId));
  const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
  if (booking.status !== "cancelled") return `You still have your place on ${when}.`;
  if (!canUndoCancellation(booking, session, now) || !(await recentUndoableCancellations(tx, ctx.referral.id, now)).has(booking.id)) {
    throw new Refused(409, `It is too late to undo that cancellation. If ${when} still has places, you can book it again below.`);
  }
  assertCanBook(ctx);
  const result = await restoreCancelledBooking(tx, booking.id, now);
  if (result.kind === "already") return `You still have your place on ${when}.`;
  if (result.kind === "gone") {
    throw new Refused(409, `Sorry, your place on ${when} has already gone to someone else. You can join the waitlist for it below.`);
  }
  const about = cancellationKey(booking.id);
  const personKey = `${personMessageKey(ctx.referral.id)}:${about}`;
  const alreadyTold = (await lastDelivered(tx, about)) !== null || (await lastDelivered(tx, personKey)) !== null;
  await withdrawPending(tx, about);
  await withdrawPending(tx, personKey);
  if (alreadyTold) {
    await confirmBooked(tx, ctx, result.booking, now);
  } else {
    await recordBookingEvent(tx, { referralId: ctx.referral.id, action: "booked", booking: result.booking, actor: person, at: now, startsAt: session.startsAt, note: "Undid a cancellation" });
    await clearNoBookingStall(tx, ctx.referral, now);
    if (ctx.referral.status === "accepted") {
      await transitionReferral(tx, { referralId: ctx.referral.id, to: "booked", actor: person, note: "Undid a cancellation", data: { bookingId: result.booking.id, sessionId: session.id, startsAt: session.startsAt.toISOString() }, now, expectedFrom: ctx.referral.status });
    }
  }
  return `Your place on ${when} is booked again.`;
}

/** Cancelling the last booked place returns a "booked" referral to "accepted" (book again → "booked"). */
export async function moveBackIfNoBookingsLeft(tx: Tx, referralId: string, actor: Actor, now: Date, note?: string) {
  const [referral] = await tx.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId));
  if (referral?.status !== "booked") return;
  const [stillBooked] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.referralId, referralId), eq(bookings.status, "booked")))
    .limit(1);
  if (!stillBooked) await transitionReferral(tx, { referralId, to: "accepted", actor, note: note ?? "No sessions booked now", now, expectedFrom: referral.status });
}

async function takeOffer(tx: Tx, ctx: ReferralContext, bookingId: string, now: Date): Promise<string> {
  assertCanBook(ctx);
  const booking = await ownBooking(tx, ctx, bookingId);
  if (booking.status === "booked") return "You already have this place.";
  const result = await confirmOffer(tx, booking.id, now);
  if (result.kind === "refused") {
    throw new Refused(409, result.reason === "expired" ? "Sorry, the time to take this place has passed. You can choose another session." : "This place is no longer on offer.");
  }
  const session = await confirmBooked(tx, ctx, result.booking, now);
  return `You are booked for ${session.when}. We have sent you the details.`;
}
