/** Factories for referral tests: referrers, organisers and referrals made through the real module. */
import { randomUUID } from "node:crypto";
import { createReferrals, type ReferralFormValues } from "~/modules/referrals/index.server";
import { addMember, createOrganisation, createUser } from "./index";

export async function createReferrer() {
  const organisation = await createOrganisation({ kind: "referrer", name: `Practice ${randomUUID().slice(0, 6)}` });
  const user = await createUser();
  await addMember(organisation.id, user.id, "owner");
  return { user, organisation };
}

export async function createOrganiser() {
  const organisation = await createOrganisation({ kind: "provider" });
  const user = await createUser();
  await addMember(organisation.id, user.id, "owner");
  return { user, organisation };
}

export function referralValues(activityIds: string[], overrides: Partial<ReferralFormValues> = {}): ReferralFormValues {
  return {
    requestId: randomUUID(),
    activity: activityIds,
    firstName: "Margaret",
    lastName: "Thompson",
    email: `margaret.${randomUUID().slice(0, 8)}@example.org`,
    phone: undefined,
    preferredContact: "email",
    reasons: ["loneliness"],
    notes: "Uses a walking stick",
    consent: true,
    baseline: { choice: "not_appropriate", reason: "Made by a test factory", ons4: null, ucla3: null },
    ...overrides,
  };
}

/** Refers a person and returns the referral with its private token. */
export async function refer(activityId: string, referrer: { user: { id: string }; organisation: { id: string } }, overrides: Partial<ReferralFormValues> = {}) {
  const result = await createReferrals(referralValues([activityId], overrides), { userId: referrer.user.id, organisationId: referrer.organisation.id });
  if (result.kind !== "created") throw new Error(`referral not created: ${result.kind}`);
  const referral = result.referrals[0];
  return { ...referral, token: tokenOf(referral.link!) };
}

export function tokenOf(link: string): string {
  return link.slice(link.indexOf("/r/") + 3);
}
