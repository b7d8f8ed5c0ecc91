/**
 * What makes a new password acceptable (NIST 800-63B / ASVS): long enough, not
 * one of the commonest passwords (compared case-insensitively, also when padded
 * with digits or symbols, repeated or typed along the keyboard), and not the
 * person's own name or email. No composition rules: any characters, spaces too.
 */
import { commonPasswords } from "./common-passwords";

export const MIN_PASSWORD_LENGTH = 12;

const common = new Set(commonPasswords.map((password) => password.toLowerCase()));

const sequences = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertzuiopasdfghjklyxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
  "zaq1xsw2cde3vfr4bgt5nhy6mju7",
  "!@#$%^&*()_+",
];

function isSequence(value: string): boolean {
  return sequences.some((s) => {
    const reversed = [...s].reverse().join("");
    return s.includes(value) || reversed.includes(value) || (s + s).includes(value);
  });
}

/** The password with leading and trailing digits and symbols taken off: "Sunshine2024!" → "sunshine". */
function core(lower: string): string {
  return lower.replace(/^[\d\W_]+/u, "").replace(/[\d\W_]+$/u, "");
}

export function isCommonPassword(password: string): boolean {
  const lower = password.trim().toLowerCase();
  if (common.has(lower)) return true;
  const stripped = core(lower);
  if (stripped.length >= 3 && common.has(stripped)) return true;
  const repeated = /^(.+?)\1+$/su.exec(lower);
  if (repeated && (repeated[1].length <= 4 || common.has(repeated[1]) || common.has(core(repeated[1])))) return true;
  if (isSequence(lower)) return true;
  if (/^\d+$/.test(lower) && new Set(lower).size <= 3) return true;
  return false;
}

/** A plain-words reason the password cannot be used, or null when it is fine. */
export function passwordProblem(password: string, context: { email?: string | null; name?: string | null } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (isCommonPassword(password)) {
    return "That password is one of the most commonly used, so it is easy to guess. Choose something less common, such as three or four random words";
  }
  const lower = password.toLowerCase();
  const local = context.email?.split("@")[0]?.toLowerCase();
  const nameParts = (context.name ?? "").toLowerCase().split(/\s+/).filter((p) => p.length >= 4);
  if ((local && local.length >= 4 && lower.includes(local)) || nameParts.some((p) => core(lower) === p)) {
    return "Do not use your name or email address in your password";
  }
  return null;
}
