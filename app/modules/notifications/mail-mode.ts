import type { Env } from "~/utils/env.server";

/**
 * Where email goes without an SMTP server. A site on its own machine (no
 * PUBLIC_URL: `npm start` on a fresh clone) keeps every email in the
 * development mailbox at /dev/mailbox, so a trial shows the whole loop. A
 * public site (PUBLIC_URL set) in production must not: the mailbox would show
 * anyone the private links in those emails, so sending fails until SMTP_URL is
 * set, and the messages wait in the outbox.
 */
export function mailMode(e: Pick<Env, "SMTP_URL" | "PUBLIC_URL" | "NODE_ENV">): "smtp" | "dev-mailbox" | "unconfigured" {
  if (e.SMTP_URL) return "smtp";
  return e.NODE_ENV === "production" && e.PUBLIC_URL ? "unconfigured" : "dev-mailbox";
}
