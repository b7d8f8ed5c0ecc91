import type { declineReasonKinds } from "#db/schema/referrals";

/** What matters to the person: the tags a referral carries. Browser-safe. */
export const referralReasons = {
  loneliness: "Loneliness or isolation",
  low_mood: "Low mood",
  anxiety: "Anxiety or stress",
  physical_activity: "Wants to be more active",
  weight: "Weight",
  long_term_condition: "Living with a long-term condition",
  carer_support: "Caring for someone",
  bereavement: "Bereavement",
  money_worries: "Money worries",
  work_and_skills: "Work and skills",
  housing: "Housing",
  other: "Something else",
} as const;

export type ReferralReason = keyof typeof referralReasons;

export const referralReasonKeys = Object.keys(referralReasons) as [ReferralReason, ...ReferralReason[]];

/** Why an organiser could not offer a place (the schema's declineReasonKinds), in plain words. */
export const declineReasonKindLabels = {
  full: "The activity is full",
  not_suitable: "The activity does not suit them",
  not_running: "The activity is not running",
  cannot_contact: "We could not reach them",
  other: "Another reason",
} as const satisfies Record<(typeof declineReasonKinds)[number], string>;

export type DeclineReasonKind = keyof typeof declineReasonKindLabels;

export function reasonLabel(key: string): string {
  return referralReasons[key as ReferralReason] ?? key;
}
