import pino from "pino";
import { env } from "./env.server";

/**
 * One logger. Details of the people referred never go in logs: log ids and codes, not names
 * or contact details; the redact list is a safety net, not the rule.
 */
/** Cuts the `params:` part drizzle puts in a failed query's message (and so its stack). */
function withoutParams(text: string | undefined): string | undefined {
  if (!text) return text;
  const at = text.indexOf("\nparams:");
  if (at === -1) return text;
  const stack = text.indexOf("\n    at ", at);
  return `${text.slice(0, at)}\nparams: [not logged]${stack === -1 ? "" : text.slice(stack)}`;
}

/**
 * Errors as logged: type, message, stack and database error code, down the
 * cause chain. Nothing else — a failed query's parameters (a sign-up's email
 * and password hash) or PostgreSQL's `detail` ("Key (email)=(…)") would put
 * people's details in the log.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  // PostgreSQL quotes the offending value in its message (`invalid input syntax for type integer: "…"`).
  const fromDatabase = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
  const scrub = (text: string | undefined) => (fromDatabase ? text?.replace(/"[^"\n]*"/g, '"…"') : withoutParams(text));
  return {
    type: error.constructor.name,
    message: scrub(error.message),
    stack: scrub(error.stack),
    ...(typeof code === "string" ? { code } : {}),
    ...(error.cause !== undefined && depth < 5 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

export const logger = pino({
  serializers: { err: serializeError },
  level: env().NODE_ENV === "test" ? (process.env.LOG_LEVEL ?? "silent") : env().LOG_LEVEL,
  redact: {
    paths: ["*.password", "*.token", "*.personEmail", "*.personPhone", "*.email", "req.headers.cookie"],
    censor: "[redacted]",
  },
});
