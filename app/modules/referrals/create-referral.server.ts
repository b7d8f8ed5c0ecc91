/**
 * Opening referrals: a referrer refers one person to one or more activities
 * (one referral each, sharing a group id), or a person asks for a place
 * themselves, or someone walks in to a session. Each referral gets its own
 * reference code; activities that do not screen accept it straight away.
 */
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { activities, organisations, outcomeResponses, referrals } from "#db/schema";
import { type ClientContext, hitRateLimit, rateLimitRules, tooManyAttemptsMessage } from "~/modules/accounts/index.server";
import { placeWalkInBooking, type Booking } from "~/modules/bookings/index.server";
import { textsAreDelivered } from "~/modules/notifications/index.server";
import { actionsSuggestedMessage, alreadyAskedMessage, organiserNewReferralMessage, referredMessage } from "./referral-messages";
import { ucla3Score } from "~/modules/outcomes/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { personRoute, type PersonRoute } from "./contact";
import { openStatuses, type ReferralStatus } from "./lifecycle";
import { messageOrganisers, messagePerson, messagePersonDirectly } from "./notify.server";
import { issuePersonLink, linkExpiryFrom } from "./person-link.server";
import { loadReferralContext } from "./referral-context.server";
import { recordBookingEvent } from "./booking-events.server";
import { recordReferralEvent, type Actor } from "./referral-events.server";
import { generateReferenceCode } from "./reference-code";
import type { PersonDetails, ReferralFormValues, SelfReferralFormValues } from "./schemas";
import { transitionReferral } from "./transition-referral.server";
import { formatInTimezone } from "~/utils/time";

export interface OpenedReferral {
  id: string;
  code: string;
  /** Null for a referral of connection actions only. */
  activityId: string | null;
  activityTitle: string | null;
  status: ReferralStatus;
  /** The private link, shown once to whoever made the referral; null when the form was a repeat. */
  link: string | null;
}

export type OpenReferralsResult =
  | { kind: "created"; referrals: OpenedReferral[] }
  /** The same form was submitted again: nothing new was made. */
  | { kind: "repeat"; referrals: OpenedReferral[] }
  | { kind: "refused"; field: "activity"; message: string };

type Baseline = ReferralFormValues["baseline"];

interface OpenInput {
  requestId: string;
  activityIds: string[];
  person: PersonDetails;
  source: "referrer" | "self";
  referrer: { userId: string; organisationId: string } | null;
  baseline: Baseline | null;
  now: Date;
  alsoWrite?: AlsoWrite;
}

/**
 * More to write in the same transaction as new referrals (another context's
 * part of the same form, e.g. connection actions), given the referrals just
 * made; not called for a repeated form.
 */
export type AlsoWrite = (tx: Tx, opened: OpenedReferral[]) => Promise<void>;

/**
 * A referrer refers one person to the chosen activities, or, with no
 * activity, opens one referral for connection actions only (no organiser:
 * accepted at once, and `alsoWrite` adds the actions).
 */
export function createReferrals(
  values: Omit<ReferralFormValues, "activity"> & { activity: string[] },
  referrer: { userId: string; organisationId: string },
  now: Date = clockNow(),
  options: { alsoWrite?: AlsoWrite } = {},
): Promise<OpenReferralsResult> {
  return openReferrals({ requestId: values.requestId, activityIds: values.activity, person: values, source: "referrer", referrer, baseline: values.baseline, now, alsoWrite: options.alsoWrite });
}

/** What the person who filled in the "ask for a place" form is told. */
export type SelfReferralResult =
  | {
      kind: "received";
      sentTo: PersonRoute;
      needsScreening: boolean;
      /** A new request's link and reference, when it cannot be sent (texts are not delivered yet). */
      shown?: { link: string; code: string };
      /** A repeat by mobile: their first link stands; we cannot send it again. */
      alreadyAsked?: boolean;
    }
  | { kind: "refused"; field: "activity"; message: string }
  | { kind: "limited"; message: string };

/**
 * A person asks for a place on an activity that welcomes self-referral.
 * The answer is the same whether the request is new, the same form sent
 * again, or from someone who already has an open request for this activity
 * (same first name, same email or mobile): they get their own link again at
 * that address instead of a second request. So the form never shows an
 * existing link or reference, and never tells a stranger with someone's email
 * who has asked for what. A mobile-only request is the exception while texts
 * are not delivered (textsAreDelivered: a public site with no text provider): a new one shows its own link, and
 * a repeat says they asked before (it needs their name, number and activity).
 */
export async function createSelfReferral(
  activityId: string,
  values: SelfReferralFormValues,
  context: Partial<ClientContext> = {},
  now: Date = clockNow(),
): Promise<SelfReferralResult> {
  const route = personRoute(values);
  if (!route) throw new Error("A self-referral needs an email address or a mobile number");
  const limited = await requestPlaceLimit(activityId, route, context.ip ?? null, now);
  if (limited) return { kind: "limited", message: limited };
  const db = await getDb();
  return db.transaction(async (tx): Promise<SelfReferralResult> => {
    await lockRequest(tx, values.requestId);
    // The same details sent twice at once (two tabs, two people): the second waits here and finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`request-place:${activityId}:${route.to}`}))`);
    const [chosen] = await publishedActivities(tx, [activityId]);
    if (!chosen) return { kind: "refused", field: "activity", message: "This activity is no longer open. Go back and choose another." };
    if (!chosen.activity.selfReferral) return { kind: "refused", field: "activity", message: "This activity takes referrals only. Ask your GP or link worker to refer you." };
    const received: SelfReferralResult = { kind: "received", sentTo: route, needsScreening: chosen.activity.requiresScreening };
    const undeliverable = route.by === "text" && !textsAreDelivered();
    // The same form sent again (its hidden request id): the first answer stands.
    if ((await referralsOfRequest(tx, values.requestId, null)).length) return undeliverable ? { ...received, alreadyAsked: true } : received;
    const open = await findOpenRequest(tx, { activityId, firstName: values.firstName, route, now });
    if (open) {
      await sendLinkAgain(tx, open, route, now);
      return undeliverable ? { ...received, alreadyAsked: true } : received;
    }
    const input: OpenInput = { requestId: values.requestId, activityIds: [activityId], person: { ...values }, source: "self", referrer: null, baseline: null, now };
    const opened = await openOne(tx, input, chosen.activity);
    return undeliverable && opened.link ? { ...received, shown: { link: opened.link, code: opened.code } } : received;
  });
}

/** Counts one valid request against the form's limits; the message to show when refused, else null. */
async function requestPlaceLimit(activityId: string, route: PersonRoute, ip: string | null, now: Date): Promise<string | null> {
  for (const [rule, subject] of [
    [rateLimitRules.requestPlaceIp, ip],
    [rateLimitRules.requestPlaceIpActivity, `${ip ?? "unknown"}|${activityId}`],
    [rateLimitRules.requestPlaceContact, route.to],
  ] as const) {
    const limit = await hitRateLimit(rule, subject, { now });
    if (!limit.allowed) return tooManyAttemptsMessage(limit.retryAfterMs);
  }
  return null;
}

/** The newest referral of this person to this activity that is still open and whose link still works. */
async function findOpenRequest(tx: Tx, input: { activityId: string; firstName: string; route: PersonRoute; now: Date }) {
  const contact = input.route.by === "email" ? sql`lower(${referrals.personEmail}) = ${input.route.to}` : eq(referrals.personPhone, input.route.to);
  const [open] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.activityId, input.activityId),
        inArray(referrals.status, openStatuses),
        gt(referrals.linkExpiresAt, input.now),
        sql`lower(trim(${referrals.personFirstName})) = ${input.firstName.trim().toLowerCase()}`,
        contact,
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(1);
  return open ?? null;
}

/** Their own link again, to the address the form gave (which is one of theirs); nothing else changes. */
async function sendLinkAgain(tx: Tx, open: Referral, route: PersonRoute, now: Date) {
  const ctx = (await loadReferralContext(tx, open.id))!;
  const since = formatInTimezone(open.createdAt, ctx.activity.timezone, "fullDate");
  await messagePerson(tx, ctx, now, (base) => alreadyAskedMessage({ ...base, since, referred: open.source === "referrer" }), { to: route });
}

const noLongerOpen = "One of the chosen activities is no longer open for referrals. Go back and choose again.";

/** One form, one set of referrals: a second submit of the same form waits here, then finds the first. */
async function lockRequest(tx: Tx, requestId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral-request:${requestId}`}))`);
}

/**
 * The referrals an earlier submit of this form made, only ever the same team's (or, for a person's own
 * request, ones with no team): the request id comes from the browser, so another team's id must not reveal
 * their referral codes.
 */
function referralsOfRequest(tx: Tx, requestId: string, referrer: { organisationId: string } | null) {
  const team = referrer ? eq(referrals.referrerOrganisationId, referrer.organisationId) : isNull(referrals.referrerOrganisationId);
  return tx
    .select({ id: referrals.id, code: referrals.code, activityId: referrals.activityId, activityTitle: activities.title, status: referrals.status })
    .from(referrals)
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .where(and(eq(referrals.groupId, requestId), team));
}

function publishedActivities(tx: Tx, ids: string[]) {
  return tx
    .select({ activity: activities })
    .from(activities)
    .where(and(inArray(activities.id, ids), eq(activities.status, "published")));
}

async function openReferrals(input: OpenInput): Promise<OpenReferralsResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockRequest(tx, input.requestId);
    const earlier = await referralsOfRequest(tx, input.requestId, input.referrer);
    if (earlier.length) return { kind: "repeat", referrals: earlier.map((r) => ({ ...r, link: null })) };

    if (input.activityIds.length === 0) {
      if (!input.referrer || !input.alsoWrite) throw new Error("A referral without an activity is made by a referrer, with actions");
      const opened = [await openActionsOnly(tx, { ...input, referrer: input.referrer })];
      await input.alsoWrite(tx, opened);
      return { kind: "created", referrals: opened };
    }
    const chosen = await publishedActivities(tx, input.activityIds);
    if (chosen.length !== input.activityIds.length) return { kind: "refused", field: "activity", message: noLongerOpen };
    const byId = new Map(chosen.map((c) => [c.activity.id, c.activity]));
    const opened: OpenedReferral[] = [];
    for (const activityId of input.activityIds) opened.push(await openOne(tx, input, byId.get(activityId)!));
    await input.alsoWrite?.(tx, opened);
    return { kind: "created", referrals: opened };
  });
}

type Referral = typeof referrals.$inferSelect;

/**
 * The one insert of a new referral (every way in: referrer, self-referral,
 * walk-in): a free reference code, consent time, link expiry, status "sent"
 * and its first event.
 */
async function insertReferral(
  tx: Tx,
  input: {
    activityId: string | null;
    referrer: { userId: string; organisationId: string } | null;
    source: "referrer" | "self" | "walk_in";
    groupId: string | null;
    person: PersonDetails;
    actor: Actor;
    note: string;
    consentRecordedBy: "referrer" | "person" | "organiser";
    now: Date;
  },
): Promise<Referral> {
  const { person, now } = input;
  const [referral] = await tx
    .insert(referrals)
    .values({
      code: await uniqueCode(tx),
      activityId: input.activityId,
      referrerUserId: input.referrer?.userId ?? null,
      referrerOrganisationId: input.referrer?.organisationId ?? null,
      source: input.source,
      groupId: input.groupId,
      personFirstName: person.firstName,
      personLastName: person.lastName,
      personEmail: person.email ?? null,
      personPhone: person.phone ?? null,
      preferredContact: person.preferredContact,
      reasons: person.reasons,
      notesForOrganiser: person.notes ?? null,
      consentAt: now,
      status: "sent",
      statusChangedAt: now,
      linkExpiresAt: linkExpiryFrom(now),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordReferralEvent(tx, {
    referralId: referral.id,
    kind: "status",
    from: null,
    to: "sent",
    actor: input.actor,
    note: input.note,
    data: { consentAt: now.toISOString(), consentRecordedBy: input.consentRecordedBy, source: input.source },
    at: now,
  });
  return referral;
}

/**
 * Someone turned up at a session without a referral and agreed to be added:
 * a walk-in referral (no referrer), accepted and booked on that session in
 * the caller's transaction, through the lifecycle like any other. The caller
 * (the register) has checked who is adding them and marks the attendance.
 */
export async function openWalkInReferral(
  tx: Tx,
  input: {
    activityId: string;
    sessionId: string;
    userId: string;
    person: { firstName: string; lastName: string; email?: string; phone?: string };
    now: Date;
  },
): Promise<{ referral: Referral; booking: Booking }> {
  const { person, now } = input;
  const actor: Actor = { type: "user", userId: input.userId };
  const referral = await insertReferral(tx, {
    activityId: input.activityId,
    referrer: null,
    source: "walk_in",
    groupId: null,
    person: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email || undefined,
      phone: person.phone || undefined,
      preferredContact: person.email ? "email" : person.phone ? "phone" : "email",
      reasons: [],
      notes: undefined,
    },
    actor,
    note: "Walked in and was added to the register; the organiser recorded their consent",
    consentRecordedBy: "organiser",
    now,
  });
  // They are in the room, so the organiser has accepted them; no message (they are told in person).
  await transitionReferral(tx, { referralId: referral.id, to: "accepted", actor, note: "Accepted at the session (walk-in)", now, silent: true });
  const booking = await placeWalkInBooking(tx, { referralId: referral.id, sessionId: input.sessionId, now });
  await recordBookingEvent(tx, { referralId: referral.id, action: "booked", booking, actor, at: now, note: "Walk-in" });
  const booked = await transitionReferral(tx, { referralId: referral.id, to: "booked", actor, now, silent: true, data: { bookingId: booking.id, sessionId: input.sessionId } });
  return { referral: booked, booking };
}

async function uniqueCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const code = generateReferenceCode();
    const [taken] = await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.code, code));
    if (!taken) return code;
  }
  throw new Error("Could not find a free reference code");
}

async function openOne(
  tx: Tx,
  input: OpenInput,
  activity: typeof activities.$inferSelect,
): Promise<OpenedReferral> {
  const { person, now } = input;
  const actor: Actor = input.referrer ? { type: "user", userId: input.referrer.userId } : { type: "person" };
  const referral = await insertReferral(tx, {
    activityId: activity.id,
    referrer: input.referrer,
    source: input.source,
    groupId: input.requestId,
    person,
    actor,
    // Who recorded the person's consent, and when (the event's time).
    note: input.referrer ? "Referral made; the referrer recorded the person's consent" : "The person asked for a place and gave their consent",
    consentRecordedBy: input.referrer ? "referrer" : "person",
    now,
  });
  await saveBaseline(tx, referral.id, input.baseline, actor, now);

  let status: ReferralStatus = "sent";
  if (!activity.requiresScreening) {
    await transitionReferral(tx, {
      referralId: referral.id,
      to: "accepted",
      actor: { type: "system" },
      note: "Accepted automatically: this activity does not need screening",
      data: { automatic: true },
      now,
      // The first message already says they can book.
      silent: true,
    });
    status = "accepted";
  }

  const link = await issuePersonLink(tx, referral, now);
  const ctx = (await loadReferralContext(tx, referral.id))!;
  await messagePerson(
    tx,
    ctx,
    now,
    (base) => referredMessage({ ...base, referrerName: ctx.referrerOrganisationName, needsScreening: status === "sent", baselineFirst: input.baseline?.choice === "by_link" }),
    { link: link.url },
  );
  if (status === "sent") await messageOrganisers(tx, ctx, (base) => organiserNewReferralMessage(base));
  return { id: referral.id, code: referral.code, activityId: activity.id, activityTitle: activity.title, status, link: link.url };
}

/**
 * A referral of connection actions only: no activity and no organiser, so
 * nobody screens it (accepted at once), and the person's first message
 * points them to their actions.
 */
async function openActionsOnly(tx: Tx, input: OpenInput & { referrer: { userId: string; organisationId: string } }): Promise<OpenedReferral> {
  const { now } = input;
  const actor: Actor = { type: "user", userId: input.referrer.userId };
  const referral = await insertReferral(tx, {
    activityId: null,
    referrer: input.referrer,
    source: "referrer",
    groupId: input.requestId,
    person: input.person,
    actor,
    note: "Connection actions suggested; the referrer recorded the person's consent",
    consentRecordedBy: "referrer",
    now,
  });
  await saveBaseline(tx, referral.id, input.baseline, actor, now);
  await transitionReferral(tx, { referralId: referral.id, to: "accepted", actor: { type: "system" }, note: "Actions only: no organiser needs to accept", data: { automatic: true }, now, silent: true });
  const link = await issuePersonLink(tx, referral, now);
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.referrer.organisationId));
  await messagePersonDirectly(tx, referral, actionsSuggestedMessage({ firstName: referral.personFirstName, code: referral.code, link: `${link.url}/actions`, referrerName: org?.name ?? null, baselineLink: input.baseline?.choice === "by_link" ? `${link.url}/wellbeing` : null }));
  return { id: referral.id, code: referral.code, activityId: null, activityTitle: null, status: "accepted", link: link.url };
}

async function saveBaseline(tx: Tx, referralId: string, baseline: Baseline | null, actor: Actor, now: Date) {
  if (!baseline) return;
  await tx.update(referrals).set({ baselineChoice: baseline.choice, baselineReason: baseline.reason }).where(eq(referrals.id, referralId));
  const answered = [
    baseline.ons4 ? { instrument: "ons4" as const, answers: baseline.ons4, score: null } : null,
    baseline.ucla3 ? { instrument: "ucla3" as const, answers: baseline.ucla3, score: ucla3Score(baseline.ucla3) } : null,
  ].filter((a) => a !== null);
  for (const a of answered) {
    await tx.insert(outcomeResponses).values({ referralId, instrument: a.instrument, phase: "baseline", answers: a.answers, score: a.score, createdAt: now });
    await recordReferralEvent(tx, { referralId, kind: "outcome", actor, data: { instrument: a.instrument, phase: "baseline", score: a.score }, at: now });
  }
}

/** The published activities a referral form is about (unknown or unpublished ids are left out). */
export async function findActivitiesToRefer(ids: string[]) {
  const wanted = [...new Set(ids)].slice(0, 10);
  if (wanted.length === 0) return [];
  const db = await getDb();
  return db
    .select({
      id: activities.id,
      title: activities.title,
      town: activities.town,
      online: activities.online,
      requiresScreening: activities.requiresScreening,
      organisationName: organisations.name,
    })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .where(and(inArray(activities.id, wanted), eq(activities.status, "published")));
}
