import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { activities, organisations, referrals, users } from "#db/schema";
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

/** `lock` takes the referral's row lock (FOR UPDATE of the referral only) in the same statement. */
export async function loadReferralContext(executor: Executor, referralId: string, options: { lock?: boolean } = {}): Promise<ReferralContext | null> {
  const query = executor
    .select({
      referral: referrals,
      activity: activities,
      providerName: organisations.name,
      referrerEmail: users.email,
      referrerOrganisationName: referrerOrg.name,
    })
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .leftJoin(users, eq(users.id, referrals.referrerUserId))
    .leftJoin(referrerOrg, eq(referrerOrg.id, referrals.referrerOrganisationId))
    .where(eq(referrals.id, referralId));
  const [row] = await (options.lock ? query.for("update", { of: referrals }) : query);
  if (!row) return null;
  const { searchVector: _vector, ...activity } = row.activity;
  return {
    referral: row.referral,
    activity,
    providerName: row.providerName,
    referrerEmail: row.referrerEmail,
    referrerOrganisationName: row.referrerOrganisationName,
  };
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
