/**
 * How to reach the person: UK mobile numbers, normalised so one number is
 * always stored one way. Browser-safe (the referral forms use it).
 */

/**
 * "07700 900123", "+44 7700 900123", "(0)7700-900123" → "+447700900123".
 * Only UK mobiles (07…) are accepted: texts need a mobile, and landlines
 * would fail silently when SMS arrives. Returns null for anything else.
 */
export function normaliseUkMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, "");
  let national: string;
  if (/^\+447\d{9}$/.test(compact)) national = compact.slice(3);
  else if (/^00447\d{9}$/.test(compact)) national = compact.slice(4);
  else if (/^\+4407\d{9}$/.test(compact)) national = compact.slice(4);
  else if (/^07\d{9}$/.test(compact)) national = compact.slice(1);
  else return null;
  // 070 is personal numbering and 076 is pagers (except 07624, the Isle of Man mobiles): not mobiles.
  if (national.startsWith("70") || (national.startsWith("76") && !national.startsWith("7624"))) return null;
  return `+44${national}`;
}

/** "+447700900123" → "07700 900123", the way people in the UK write it. */
export function formatUkMobile(normalised: string): string {
  if (!/^\+447\d{9}$/.test(normalised)) return normalised;
  const national = `0${normalised.slice(3)}`;
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}

export const preferredContactOptions = {
  email: "Email",
  phone: "Phone call",
  sms: "Text message",
} as const;

export type PreferredContact = keyof typeof preferredContactOptions;

/** Where messages to the person go: one address, by email or by text. */
export type PersonRoute = { by: "email"; to: string } | { by: "text"; to: string };

/**
 * A link is easier to use from an email, so texts go only to people who
 * asked for texts or gave no email. Null when there is no way to reach them.
 */
export function personRoute(contact: { email?: string | null; phone?: string | null; preferredContact: PreferredContact }): PersonRoute | null {
  const prefersText = contact.preferredContact === "sms" && !!contact.phone;
  if (contact.email && !prefersText) return { by: "email", to: contact.email };
  if (contact.phone) return { by: "text", to: contact.phone };
  return null;
}

/** How to reach the person, as pages show it: the mobile written the UK way, the preference in words. */
export function contactDetails(referral: { personEmail: string | null; personPhone: string | null; preferredContact: PreferredContact }) {
  return {
    email: referral.personEmail,
    phone: referral.personPhone ? formatUkMobile(referral.personPhone) : null,
    preferredContact: preferredContactOptions[referral.preferredContact],
  };
}
