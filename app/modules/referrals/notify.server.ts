/**
 * Sends a message about a referral to the person (by their preferred route
 * that exists), to the referrer or to the organisers, through the outbox in
 * the caller's transaction; the notifications module delivers email and texts.
 */
import { eq } from "drizzle-orm";
import type { Executor, Tx } from "#db/client";
import { activities, organisations, referrals, users } from "#db/schema";
import { listMemberEmails } from "~/modules/accounts/index.server";
import { queueMessage, queueTextMessage, type EnqueueOptions, type Message } from "~/modules/notifications/index.server";
import { publicUrl } from "~/utils/env.server";
import { personRoute, type PersonRoute, type PreferredContact } from "./contact";
import { issuePersonLink } from "./person-link.server";
import { activityContact, activityWhere, shortName, type ReferralContext } from "./referral-context.server";
import type { ActivityBrief, OrganiserMessageBase, PersonMessageBase, ReferrerMessageBase } from "./referral-messages";

export function activityBrief(ctx: ReferralContext): ActivityBrief {
  return { title: ctx.activity.title, organisationName: ctx.providerName, where: activityWhere(ctx.activity), contact: activityContact(ctx.activity) };
}

/**
 * Builds the message with a fresh private link and sends it to the person,
 * by their own route, or by `to` (one of their addresses) when given.
 */
export async function messagePerson(
  tx: Tx,
  ctx: ReferralContext,
  now: Date,
  build: (base: PersonMessageBase) => Message,
  options: { link?: string; to?: PersonRoute; availableAt?: Date; about?: string } = {},
): Promise<void> {
  const { referral } = ctx;
  const route = options.to ?? personRoute({ email: referral.personEmail, phone: referral.personPhone, preferredContact: referral.preferredContact });
  if (!route) return;
  const link = options.link ?? (await issuePersonLink(tx, referral, now)).url;
  const message = build({ firstName: referral.personFirstName, code: referral.code, activity: activityBrief(ctx), link });
  // Under the person's key, so removing their details takes it back too; `about` lets one message be withdrawn.
  const keyed = { key: options.about ? `${personMessageKey(referral.id)}:${options.about}` : personMessageKey(referral.id), availableAt: options.availableAt };
  if (route.by === "email") await queueMessage(tx, route.to, message, keyed);
  else await queueTextMessage(tx, route.to, message, keyed);
}

/** A ready message to the person by their own route, for a referral with no activity (no ReferralContext). */
export async function messagePersonDirectly(
  tx: Tx,
  referral: { id: string; personEmail: string | null; personPhone: string | null; preferredContact: PreferredContact },
  message: Message,
): Promise<void> {
  const route = personRoute({ email: referral.personEmail, phone: referral.personPhone, preferredContact: referral.preferredContact });
  if (!route) return;
  const keyed = { key: personMessageKey(referral.id) };
  if (route.by === "email") await queueMessage(tx, route.to, message, keyed);
  else await queueTextMessage(tx, route.to, message, keyed);
}

/** Every message to the person about one referral carries this key, so removing their details can take back what has not gone. */
export function personMessageKey(referralId: string): string {
  return `person:${referralId}`;
}

/** Tells the referrer (nobody, for a self-referral). */
export async function messageReferrer(
  tx: Tx,
  ctx: ReferralContext,
  build: (base: ReferrerMessageBase) => Message,
  options: EnqueueOptions = {},
): Promise<void> {
  if (!ctx.referrerEmail) return;
  await queueMessage(tx, ctx.referrerEmail, build(referrerMessageBase(ctx)), options);
}

/**
 * Tells the referrer of any referral, with or without an activity (an
 * actions-only referral has no ReferralContext). Nobody for a self-referral.
 */
export async function messageReferrerOfReferral(tx: Tx, referralId: string, build: (base: ReferrerMessageBase) => Message): Promise<void> {
  const [row] = await tx
    .select({ referral: referrals, referrerEmail: users.email, activityTitle: activities.title })
    .from(referrals)
    .leftJoin(users, eq(users.id, referrals.referrerUserId))
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .where(eq(referrals.id, referralId));
  if (!row?.referrerEmail) return;
  await queueMessage(tx, row.referrerEmail, build({
    personName: shortName(row.referral),
    code: row.referral.code,
    activityTitle: row.activityTitle ?? "connection actions",
    caseUrl: `${publicUrl()}/referrals/${row.referral.id}`,
  }));
}

/** What every email to the referrer names: the short name, the reference and the referral's page. */
export function referrerMessageBase(ctx: ReferralContext): ReferrerMessageBase {
  return {
    personName: shortName(ctx.referral),
    code: ctx.referral.code,
    activityTitle: ctx.activity.title,
    caseUrl: `${publicUrl()}/referrals/${ctx.referral.id}`,
  };
}

/**
 * Who hears about referrals to an activity: everyone in its organisation, as
 * any of them may open the organiser's referral pages (there is no
 * per-activity assignment). An organisation without accounts has nobody to
 * sign in, so it falls back to the activity's contact email, then the
 * organisation's own address.
 */
export async function organiserRecipients(executor: Executor, activity: { organisationId: string; contactEmail: string | null }): Promise<string[]> {
  const members = await listMemberEmails(executor, activity.organisationId);
  if (members.length) return members;
  if (activity.contactEmail) return [activity.contactEmail];
  const [organisation] = await executor.select({ email: organisations.email }).from(organisations).where(eq(organisations.id, activity.organisationId));
  return organisation?.email ? [organisation.email] : [];
}

/** Tells the organisation running the activity, once per address; only the short name and the reference, never contact details. */
export async function messageOrganisers(tx: Tx, ctx: ReferralContext, build: (base: OrganiserMessageBase) => Message, options: EnqueueOptions = {}): Promise<void> {
  const message = build({
    personName: shortName(ctx.referral),
    code: ctx.referral.code,
    activityTitle: ctx.activity.title,
    referralUrl: organiserReferralUrl(ctx.referral.id),
  });
  for (const to of new Set(await organiserRecipients(tx, ctx.activity))) await queueMessage(tx, to, message, options);
}

function organiserReferralUrl(referralId: string): string {
  return `${publicUrl()}/organiser/referrals/${referralId}`;
}
