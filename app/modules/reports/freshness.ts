/** How often the worker brings the reports' per-referral facts up to date (referral-facts.server.ts); the pages say so. Browser-safe. */
export const FACTS_EVERY_MINUTES = 5;
