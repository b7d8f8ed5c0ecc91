import { SITE_TIMEZONE } from "~/utils/time";
/** How often the worker brings the reports' per-referral facts up to date (referral-facts.server.ts); the pages say so. Browser-safe. */
export const FACTS_EVERY_MINUTES = 5;

/**
 * "14:05", or "3 December, 14:05" when not today: when the kept figures were last
 * brought up to date, in the site's time zone. Null when nothing kept was read.
 */
export function figuresAsOf(asOf: Date | null, now: Date, timeZone = SITE_TIMEZONE): string | null {
  if (!asOf) return null;
  const day = (d: Date) => d.toLocaleDateString("en-GB", { timeZone });
  const time = asOf.toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  return day(asOf) === day(now) ? time : `${asOf.toLocaleDateString("en-GB", { timeZone, day: "numeric", month: "long" })}, ${time}`;
}
