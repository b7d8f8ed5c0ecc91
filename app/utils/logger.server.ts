import pino from "pino";
import { env } from "./env.server";

/**
 * One logger. Details of the people referred never go in logs: log ids and codes, not names
 * or contact details; the redact list is a safety net, not the rule.
 */
export const logger = pino({
  level: env().NODE_ENV === "test" ? (process.env.LOG_LEVEL ?? "silent") : env().LOG_LEVEL,
  redact: {
    paths: ["*.password", "*.token", "*.personEmail", "*.personPhone", "*.email", "req.headers.cookie"],
    censor: "[redacted]",
  },
});
