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

export function reasonLabel(key: string): string {
  return referralReasons[key as ReferralReason] ?? key;
}
