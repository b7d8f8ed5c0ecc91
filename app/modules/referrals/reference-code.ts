/**
 * The short reference people read out on the phone, e.g. "K7P-4QX".
 * Capitals and digits without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B):
 * 26 symbols, six of them, about 300 million codes. It identifies a referral
 * for staff; it is never enough on its own to open the person's page.
 */
const alphabet = "ACDEFGHJKMNPQRTUVWXY346789";

export function generateReferenceCode(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  // 256 % 26 leaves a tiny bias; it does not matter for a non-secret reference.
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 3).join("")}-${chars.slice(3).join("")}`;
}

export const referenceCodePattern = /^[ACDEFGHJKMNPQRTUVWXY346789]{3}-[ACDEFGHJKMNPQRTUVWXY346789]{3}$/;
