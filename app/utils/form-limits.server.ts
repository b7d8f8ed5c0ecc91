/**
 * How big and how many-fielded a request may be. One request made of the
 * same field name repeated 20,000 times once held the CPU for seconds
 * (Conform's submission parsing joins arrays per repeated name, so its cost
 * grows with the square of the repeats) and every other request waited.
 * These limits are checked before anything parses the body (scripts/lib/
 * body-limits.ts on every request, `readForm` again for routes called
 * directly), and each check here is a single pass over the input.
 */

/** Our largest real forms (the activity editor with every schedule row) use about 200 fields. */
export const MAX_FIELDS = 500;
/** Checkbox lists (access features, categories) repeat one name a few dozen times at most. */
export const MAX_REPEATS = 100;
/** Text forms: the longest fields are 2,000 characters; several of them fit easily. */
export const MAX_FORM_BYTES = 64 * 1024;
/** A form with a photo: the photo limit (5 MB) plus its text fields and multipart framing. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024 + 256 * 1024;

export type LimitRefusal = { status: 400 | 413 | 415; message: string };

export const tooLarge: LimitRefusal = {
  status: 413,
  message: "What you sent is too large for this page. Go back, shorten it and try again.",
};
export const notAForm: LimitRefusal = {
  status: 415,
  message: "This page only accepts a form sent from Linkway. Go back to Linkway and try again.",
};
const tooManyFields: LimitRefusal = {
  status: 400,
  message: "What you sent has too many parts to be a Linkway form. Go back to Linkway and try again.",
};

/** Counts field names in one pass and stops at the first one over a limit. */
export function fieldShapeRefusal(names: Iterable<string>): LimitRefusal | null {
  const seen = new Map<string, number>();
  let total = 0;
  for (const name of names) {
    total += 1;
    if (total > MAX_FIELDS) return tooManyFields;
    const count = (seen.get(name) ?? 0) + 1;
    if (count > MAX_REPEATS) return tooManyFields;
    seen.set(name, count);
  }
  return null;
}

/** Field names of a multipart body: one forward scan from boundary to boundary. */
export function* multipartFieldNames(body: Uint8Array, boundary: string): Generator<string> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const headerEnd = Buffer.from("\r\n\r\n");
  let at = bytes.indexOf(delimiter);
  while (at !== -1) {
    const partStart = at + delimiter.length;
    // "--boundary--" closes the body.
    if (bytes[partStart] === 0x2d && bytes[partStart + 1] === 0x2d) return;
    const end = bytes.indexOf(headerEnd, partStart);
    if (end === -1) return;
    // Part headers are short; a long one is not a real form and is cut, not scanned further.
    const headers = bytes.subarray(partStart, Math.min(end, partStart + 1024)).toString("latin1");
    yield /\bname="([^"]*)"/i.exec(headers)?.[1] ?? "";
    at = bytes.indexOf(delimiter, end + headerEnd.length);
  }
}

/** The boundary of a multipart Content-Type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}
