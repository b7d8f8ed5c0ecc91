/**
 * Texts are kept within two SMS segments: longer ones cost more and arrive
 * in pieces on older phones. In the GSM 7-bit alphabet two segments hold 306
 * characters; one character outside it (a curly quote, an emoji) makes the
 * whole text UCS-2, where two segments hold only 134. So the words are put
 * into GSM characters first, then the prose is shortened, never the link.
 * Pure and browser-safe.
 */

const gsmBasic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** Characters that take two places (an escape and the character). */
const gsmExtended = "^{}\\[~]|€";

const replacements: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
};

export const TWO_SEGMENTS_GSM = 306;
export const TWO_SEGMENTS_UCS2 = 134;

/** Curly quotes, dashes and the like as their plain GSM equivalents. */
export function toGsmText(text: string): string {
  return text.replace(/[‘’“”–—…\u00a0]/g, (c) => replacements[c] ?? c);
}

/** How many characters the text takes as an SMS, and in which alphabet. */
export function smsLength(text: string): { encoding: "gsm" | "ucs2"; length: number } {
  let length = 0;
  for (const c of text) {
    if (gsmBasic.includes(c)) length += 1;
    else if (gsmExtended.includes(c)) length += 2;
    else return { encoding: "ucs2", length: [...text].length };
  }
  return { encoding: "gsm", length };
}

export function fitsTwoSegments(text: string): boolean {
  const { encoding, length } = smsLength(text);
  return length <= (encoding === "gsm" ? TWO_SEGMENTS_GSM : TWO_SEGMENTS_UCS2);
}

/**
 * The prose and the tail (a link, "Reply STOP…") as one text within two
 * segments: the tail is kept whole, and the prose is cut at a word with
 * "..." when it must be.
 */
export function fitText(prose: string, tail = ""): string {
  const plainProse = toGsmText(prose).trim();
  const plainTail = toGsmText(tail).trim();
  const whole = [plainProse, plainTail].filter(Boolean).join(" ");
  if (fitsTwoSegments(whole)) return whole;
  const words = plainProse.split(/\s+/);
  while (words.length > 1) {
    words.pop();
    const cut = `${words.join(" ").replace(/[,;:.]$/, "")}...`;
    const candidate = [cut, plainTail].filter(Boolean).join(" ");
    if (fitsTwoSegments(candidate)) return candidate;
  }
  // Not even one word fits beside the tail: the tail alone (a link says the most).
  return (plainTail || plainProse).slice(0, fitsTwoSegments(plainTail || plainProse) ? undefined : TWO_SEGMENTS_UCS2);
}
