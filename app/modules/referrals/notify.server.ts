/**
 * Sends a message about a referral to the person (by their preferred route
 * that exists) or to the referrer, through the outbox in the caller's
 * transaction. Email is delivered now; texts wait in the outbox ("sms"
 * topic) for an SMS channel (see Channel in notifications/email.server.ts).
 */
import type { Tx } from "#db/client";
import { queueMessage } from "../notifications/email.server";
import { enqueue } from "../notifications/outbox.server";
import type { ActivityBrief, Message } from "../notifications/referral-messages";
import { publicUrl } from "~/utils/env.server";
import { issuePatientLink } from "./patient-link.server";
import { activityContact, activityWhere, shortName, type ReferralContext } from "./referral-context.server";

export interface PersonMessageBase {
  firstName: string;
  code: string;
  activity: ActivityBrief;
  link: string;
}

export function activityBrief(ctx: ReferralContext): ActivityBrief {
  return { title: ctx.activity.title, organisationName: ctx.providerName, where: activityWhere(ctx.activity), contact: activityContact(ctx.activity) };
}

/** Builds the message with a fresh private link and sends it to the person. */
export async function messagePerson(
  tx: Tx,
  ctx: ReferralContext,
  now: Date,
  build: (base: PersonMessageBase) => Message,
  options: { link?: string } = {},
): Promise<void> {
  const { referral } = ctx;
  if (!referral.patientEmail && !referral.patientPhone) return;
  const link = options.link ?? (await issuePatientLink(tx, referral, now)).url;
  const message = build({ firstName: referral.patientFirstName, code: referral.code, activity: activityBrief(ctx), link });
  // A link is easier to use from an email, so texts go only to people who asked for texts or have no email.
  const prefersText = referral.preferredContact === "sms" && referral.patientPhone;
  if (referral.patientEmail && !prefersText) {
    await queueMessage(tx, referral.patientEmail, message);
  } else if (referral.patientPhone) {
    await enqueue(tx, "sms", { to: referral.patientPhone, text: smsText(message) });
  }
}

/** A text message: the first lines, the link and the reference. */
export function smsText(message: Message): string {
  const { content } = message;
  return [content.paragraphs[0], content.action?.url, content.reference ? `Ref ${content.reference}` : null].filter(Boolean).join(" ");
}

export interface ReferrerMessageBase {
  personName: string;
  code: string;
  activityTitle: string;
  caseUrl: string;
}

/** Tells the referrer (nobody, for a self-referral). */
export async function messageReferrer(tx: Tx, ctx: ReferralContext, build: (base: ReferrerMessageBase) => Message): Promise<void> {
  if (!ctx.referrerEmail) return;
  const message = build({
    personName: shortName(ctx.referral),
    code: ctx.referral.code,
    activityTitle: ctx.activity.title,
    caseUrl: `${publicUrl()}/referrals/${ctx.referral.id}`,
  });
  await queueMessage(tx, ctx.referrerEmail, message);
}
