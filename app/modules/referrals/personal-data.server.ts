/**
 * Personal data of referred people is not kept for ever (UK GDPR: data
 * minimisation, right to erasure). One verb removes it, for both reasons:
 * the retention period after a referral closed, or the person asking from
 * their private link.
 *
 * What goes: the name (shown as "Name removed" everywhere, since every page
 * and email names people through the same two columns), contact details,
 * the notes people wrote (the referrer's notes, the decline reason, notes on
 * the timeline written by a person), the person's links and the messages to
 * them. What stays is the anonymous record Linkway exists to learn from:
 * activity, dates, statuses, bookings and attendance, reason codes and
 * wellbeing answers.
 */
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { referralEvents, referrals, sessions } from "#db/schema";
import { formatSessionWhen } from "~/modules/activities/index.server";
import { forgetMessages, forgetTexts } from "~/modules/notifications/index.server";
import { organiserCancelledMessage } from "./referral-messages";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { releaseUpcomingPlaces } from "./booking-events.server";
import { closedStatuses, isFinal } from "./lifecycle";
import { messageOrganisers, personMessageKey } from "./notify.server";
import { endPersonLinks } from "./person-link.server";
import { loadReferralContext } from "./referral-context.server";
import { recordReferralEvent, type Actor } from "./referral-events.server";
import { transitionReferral } from "./transition-referral.server";
import { formatInTimezone, DAY_MS } from "~/utils/time";

export type RemovalReason = "retention" | "person_asked";

/** What every page shows instead of the person's name once it is gone. */
export const REMOVED_NAME = "Name removed";

export const removalReasonWords: Record<RemovalReason, string> = {
  person_asked: "at the person's request",
  retention: "after the retention period",
};


/** "Personal details removed on 3 March 2026 (at the person's request)", for staff pages; null while they are kept. */
export function describeRemoval(referral: { detailsRemovedAt: Date | null; detailsRemovedReason: RemovalReason | null }, timezone: string): string | null {
  if (!referral.detailsRemovedAt) return null;
  const why = referral.detailsRemovedReason ? ` (${removalReasonWords[referral.detailsRemovedReason]})` : "";
  return `Personal details removed on ${formatInTimezone(referral.detailsRemovedAt, timezone, "fullDate")}${why}`;
}

/**
 * Removes the person's details from one closed referral, in the caller's
 * transaction. Returns false (and writes nothing) when they were already
 * removed, so running it twice is harmless.
 */
export async function removePersonalDetails(tx: Tx, referralId: string, input: { reason: RemovalReason; now: Date }): Promise<boolean> {
  const { reason, now } = input;
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for("update");
  if (!referral || referral.detailsRemovedAt) return false;
  // An open referral still needs a way to reach the person: end it first (withdrawn), then remove.
  if (!isFinal(referral.status)) throw new Error(`Referral ${referralId} is still open (${referral.status}); end it before removing the person's details`);

  await tx
    .update(referrals)
    .set({
      personFirstName: REMOVED_NAME,
      personLastName: "",
      personEmail: null,
      personPhone: null,
      notesForOrganiser: null,
      baselineReason: null,
      declineReason: null,
      detailsRemovedAt: now,
      detailsRemovedReason: reason,
      updatedAt: now,
    })
    .where(eq(referrals.id, referralId));
  // Words people wrote may name or describe the person; Linkway's own sentences do not, and explain the record.
  await tx
    .update(referralEvents)
    .set({ note: null })
    .where(and(eq(referralEvents.referralId, referralId), inArray(referralEvents.actorType, ["person", "user"])));
  // The person's own notes on their actions go too; reminders stop (their links die with the contact details).
  await tx.execute(
    sql`update action_logs set note = null where note is not null and referral_action_id in (select id from referral_actions where referral_id = ${referralId})`,
  );
  await tx.execute(sql`update nudge_settings set channel = 'none', updated_at = ${now.toISOString()}::timestamptz where referral_id = ${referralId}`);
  await endPersonLinks(tx, referralId, now);
  await forgetMessages(tx, personMessageKey(referralId));
  await forgetTexts(tx, personMessageKey(referralId));

  const actor: Actor = reason === "person_asked" ? { type: "person" } : { type: "system" };
  const days = Math.floor((now.getTime() - referral.statusChangedAt.getTime()) / DAY_MS);
  await recordReferralEvent(tx, {
    referralId,
    kind: "details_removed",
    actor,
    note:
      reason === "person_asked"
        ? "The person's name, contact details and notes were removed at their request"
        : `The person's name, contact details and notes were removed ${days} days after the referral closed`,
    data: { reason },
    at: now,
  });
  return true;
}


/**
 * The person asked, from their private link, for their details to be
 * removed: for this referral and any made together with it for them (one
 * group). Places still to come are cancelled and passed on, an open referral
 * is withdrawn (so the referrer and organisers are told as for any
 * withdrawal, before the name goes), then the details are removed. All in
 * the caller's transaction.
 */
export async function removeDetailsAtPersonsRequest(tx: Tx, referralId: string, now: Date): Promise<number> {
  const [own] = await tx.select({ groupId: referrals.groupId }).from(referrals).where(eq(referrals.id, referralId));
  const together = own?.groupId
    ? await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.groupId, own.groupId)).orderBy(asc(referrals.id))
    : [{ id: referralId }];
  const ids = together.map((r) => r.id);
  // Locked in one order, so two requests from links of the same group cannot deadlock.
  const rows = await tx.select().from(referrals).where(inArray(referrals.id, ids)).orderBy(asc(referrals.id)).for("update");
  let removed = 0;
  for (const referral of rows) {
    if (referral.detailsRemovedAt) continue;
    // A withdrawal cancels its places and tells the referrer and organisers itself, as for any withdrawal.
    if (!isFinal(referral.status)) {
      await transitionReferral(tx, { referralId: referral.id, to: "withdrawn", actor: { type: "person" }, data: { detailsRemoval: true }, now });
    } else {
      await cancelPlacesOfClosedReferral(tx, referral.id, now);
    }
    if (await removePersonalDetails(tx, referral.id, { reason: "person_asked", now })) removed++;
  }
  return removed;
}

/**
 * A referral that ended without cancelling its places (completed, stopped
 * going) may still hold some: cancel them as the person's own cancel does,
 * so the next person waiting is offered the place and the organiser knows.
 */
async function cancelPlacesOfClosedReferral(tx: Tx, referralId: string, now: Date): Promise<void> {
  const cancelled = await releaseUpcomingPlaces(tx, referralId, { actor: { type: "person" }, now, note: "The person asked for their details to be removed" });
  const booked = cancelled.filter((c) => c.before.status === "booked");
  if (!booked.length) return;
  const ctx = (await loadReferralContext(tx, referralId))!;
  for (const { before, nextOffer } of booked) {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, before.sessionId));
    const when = formatSessionWhen(session.startsAt, session.endsAt, ctx.activity.timezone);
    await messageOrganisers(tx, ctx, (base) => organiserCancelledMessage({ ...base, when, freed: nextOffer ? "offered" : "free" }));
  }
}

/** How many referrals one run of the retention job handles; each is its own short transaction. */
const RETENTION_BATCH = 200;

/**
 * Worker job: removes the details of referrals closed longer than
 * PERSONAL_DATA_RETENTION_DAYS. Batch-limited and idempotent: a backlog
 * is worked through over several runs, and a referral already done is
 * skipped. Returns how many were removed.
 */
export async function removeExpiredPersonalDetails(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const before = new Date(now.getTime() - env().PERSONAL_DATA_RETENTION_DAYS * DAY_MS);
  const due = and(inArray(referrals.status, closedStatuses), lt(referrals.statusChangedAt, before), isNull(referrals.detailsRemovedAt));
  const db = await getDb();
  const candidates = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(due)
    .orderBy(asc(referrals.statusChangedAt))
    .limit(options.limit ?? RETENTION_BATCH);
  let removed = 0;
  for (const { id } of candidates) {
    const done = await db.transaction(async (tx) => {
      // Skip a row someone else holds (e.g. the person removing it themselves right now); the next run finds it.
      const [still] = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(eq(referrals.id, id), due))
        .for("update", { skipLocked: true });
      return still ? removePersonalDetails(tx, id, { reason: "retention", now }) : false;
    });
    if (done) removed++;
  }
  return removed;
}
