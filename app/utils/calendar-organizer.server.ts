import { env } from "./env.server";

/**
 * RFC 5546 requires an ORGANIZER on every event a calendar PUBLISHes, and
 * strict clients (libical, Outlook) refuse or mangle events without one. It
 * is the organisation running the activity, at its own address when it has
 * one, otherwise at the site's sending address (MAIL_FROM), which is never a
 * person's.
 */
export function calendarOrganizer(name: string, email: string | null | undefined): { name: string; email: string } {
  const own = email?.trim();
  if (own && /^[^\s@<>]+@[^\s@<>]+$/.test(own)) return { name, email: own };
  const from = env().MAIL_FROM;
  const site = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  return { name, email: site };
}
