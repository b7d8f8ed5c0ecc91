import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { activities, oneTimeTokens, organisations, referrals, users } from "#db/schema";
import { activityAddressLine } from "~/modules/activities";

export type Referral = typeof referrals.$inferSelect;
export type Activity = typeof activities.$inferSelect;

/** A referral with what every message and page about it needs. */
export interface ReferralContext {
  referral: Referral;
  activity: Omit<Activity, "searchVector">;
  providerName: string;
  referrerEmail: string | null;
  referrerOrganisationName: string | null;
}

const referrerOrg = alias(organisations, "referrer_org");

// The search vector is the activity's largest column and no message or page about a referral reads it.
const { searchVector: _searchVector, ...activityColumns } = getTableColumns(activities);

const contextColumns = {
  referral: referrals,
  activity: activityColumns,
  providerName: organisations.name,
  referrerEmail: users.email,
  referrerOrganisationName: referrerOrg.name,
};

/** `lock` takes the referral's row lock (FOR UPDATE of the referral only) in the same statement. */
export async function loadReferralContext(executor: Executor, referralId: string, options: { lock?: boolean } = {}): Promise<ReferralContext | null> {
  const query = executor
    .select(contextColumns)
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .leftJoin(users, eq(users.id, referrals.referrerUserId))
    .leftJoin(referrerOrg, eq(referrerOrg.id, referrals.referrerOrganisationId))
    .where(eq(referrals.id, referralId));
  const [row] = await (options.lock ? query.for("update", { of: referrals }) : query);
  return row ?? null;
}

export type TokenRow = typeof oneTimeTokens.$inferSelect;

/**
 * A private link's token row with its referral and the referral's context, in
 * one round trip (every action from the link starts here). `context` is null
 * for a referral of connection actions only, which has no activity; `lock` takes the
 * referral's row lock either way. Nothing here judges the token: the caller
 * checks the secret, the expiry and whether the link was ended.
 */
export async function loadTokenWithContext(
  executor: Executor,
  tokenId: string,
  // Only purposes whose subject is a referral: the join reads the subject as a referral's id.
  purpose: Extract<TokenRow["purpose"], "person_link" | "waitlist_offer">,
  options: { lock?: boolean } = {},
): Promise<{ token: TokenRow; referral: Referral; context: ReferralContext | null } | null> {
  const query = executor
    .select({ token: oneTimeTokens, ...contextColumns })
    .from(oneTimeTokens)
    // The subject column is text (other purposes keep e-mail addresses there); these purposes' subjects are referral ids.
    .innerJoin(referrals, eq(referrals.id, sql`${oneTimeTokens.subjectId}::uuid`))
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(organisations, eq(organisations.id, activities.organisationId))
    .leftJoin(users, eq(users.id, referrals.referrerUserId))
    .leftJoin(referrerOrg, eq(referrerOrg.id, referrals.referrerOrganisationId))
    .where(and(eq(oneTimeTokens.id, tokenId), eq(oneTimeTokens.purpose, purpose)));
  const [row] = await (options.lock ? query.for("update", { of: referrals }) : query);
  if (!row) return null;
  const { token, activity, providerName, ...rest } = row;
  return { token, referral: rest.referral, context: activity && providerName !== null ? { ...rest, activity, providerName } : null };
}

/** "Margaret T." — what organisers, registers and messages show of a name: enough to recognise someone, no more. */
export function shortName(referral: Pick<Referral, "personFirstName" | "personLastName">): string {
  const first = referral.personFirstName.trim();
  const initial = referral.personLastName.trim().charAt(0).toUpperCase();
  return initial ? `${first} ${initial}.` : first;
}

export function activityWhere(activity: Pick<Activity, "online" | "venueName" | "address" | "town" | "postcode">): string {
  if (activity.online) return "Online";
  return activityAddressLine(activity);
}

export function activityContact(activity: Pick<Activity, "contactName" | "contactEmail" | "contactPhone">): string | null {
  const parts = [activity.contactName, activity.contactPhone, activity.contactEmail].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}
