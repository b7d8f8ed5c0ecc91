/**
 * The one way routes read what a person sent: a form body (`readForm`) or a
 * query string (`readQuery`). Whatever arrives, the route either gets clean
 * text or the request ends in a 4xx with a plain message — never a 500:
 * - a body that is not a form is 415, one that cannot be read is 400;
 * - the field-count limits are checked again (the server checks them before
 *   parsing; this covers anything that reaches a route another way);
 * - control characters are removed from every text value. Nobody types a NUL
 *   or a backspace into a form; PostgreSQL refuses NUL in text, which used to
 *   surface as a 500. Tab, newline and carriage return are kept (notes).
 * An architecture test keeps routes from calling `request.formData()` directly.
 */
import { fieldShapeRefusal, notAForm, type LimitRefusal } from "./form-limits.server";

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const controlCharacters = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as stored: no control characters but tab and newlines, no lone surrogates. */
export function cleanText(value: string): string {
  return value.replace(controlCharacters, "").replace(loneSurrogate, "\uFFFD");
}

function refusal(request: Request, { status, message }: LimitRefusal): Response {
  const path = new URL(request.url).pathname;
  // APIs and the register's script read JSON; pages show the message on the error page.
  if (path.startsWith("/api/") || path.endsWith("/save")) return Response.json({ error: message }, { status });
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const unreadable: LimitRefusal = { status: 400, message: "What you sent could not be read as a form. Go back to Linkway and try again." };

/** Checks a parsed form's shape and cleans its text; files are kept as they are. */
export function cleanForm(request: Request, formData: FormData): FormData {
  const shape = fieldShapeRefusal(formData.keys());
  if (shape) throw refusal(request, shape);
  const clean = new FormData();
  for (const [name, value] of formData) clean.append(cleanText(name), typeof value === "string" ? cleanText(value) : value);
  return clean;
}

/** Whether the request says it carries a form (an empty, untyped post counts as an empty form). */
export function formType(request: Request): "urlencoded" | "multipart" | "empty" | null {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  if (type === "multipart/form-data") return "multipart";
  if (type === "" && (request.headers.get("Content-Length") ?? "0") === "0") return "empty";
  return null;
}

/** Reads a form body (throws a 400/415 Response for anything else). */
export async function readForm(request: Request, parse: (request: Request) => Promise<FormData> = (r) => r.formData()): Promise<FormData> {
  const type = formType(request);
  if (type === null) throw refusal(request, notAForm);
  if (type === "empty") return new FormData();
  let formData: FormData;
  try {
    formData = await parse(request);
  } catch {
    throw refusal(request, unreadable);
  }
  return cleanForm(request, formData);
}

/** The query string, limited and cleaned like a form. */
export function readQuery(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams;
  const shape = fieldShapeRefusal(params.keys());
  if (shape) throw refusal(request, shape);
  const clean = new URLSearchParams();
  for (const [name, value] of params) clean.append(cleanText(name), cleanText(value));
  return clean;
}

/** A JSON body (the text-message provider's callbacks), or null when it is not JSON; the size was bounded before. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return null;
  }
}
