/**
 * The background worker: small jobs on timers. Each module exports its job;
 * this file decides how often each runs. How a due run happens once across
 * many worker processes is in ./job-runner.server.ts (decision 100).
 */
import { rollSessionHorizon, pruneSpellingWords, refreshSessionSummaries, syncSearchIndex } from "~/modules/activities/index.server";
import { completeFinishedProgrammes, sendRegisterLinks, disengageStalledReferrals } from "~/modules/attendance/index.server";
import { deliverPendingEmails, deliverPendingTexts, pruneSettledMessages } from "~/modules/notifications/index.server";
import { flagActionsNotFollowed, sendActionNudges } from "~/modules/actions/index.server";
import { pruneAuthData } from "~/modules/accounts/index.server";
import { sendFollowUps, sendBookingReminders, expireIdleReferrals, removeExpiredPersonalDetails, sendBookingDigests, handleSessionCancellations, handleSessionReinstatements, passOnLapsedOffers, flagReferralsWithoutBooking, flagReferralsGoneQuiet } from "~/modules/referrals/index.server";
import { readFromPrimary } from "#db/client";
import { refreshCalendarImports } from "~/modules/interop/index.server";
import { FACTS_EVERY_MINUTES, refreshReportFigures } from "~/modules/reports/index.server";
import { env } from "~/utils/env.server";
import { MINUTE_MS } from "~/utils/time";
import { startJobRunner, type Job, type WorkerHandle } from "./job-runner.server";

export const jobs: Job[] = [
  // Woken at once by a new message (LISTEN/NOTIFY); the timer catches messages whose time comes later.
  { name: "deliver-email", everyMs: 2_000, wakeOn: ["email"], run: () => deliverPendingEmails() },
  { name: "deliver-texts", everyMs: 2_000, run: () => deliverPendingTexts() },
  { name: "send-action-nudges", everyMs: MINUTE_MS, run: () => sendActionNudges() },
  { name: "roll-session-horizon", everyMs: 60 * MINUTE_MS, run: () => rollSessionHorizon() },
  { name: "prune-auth-data", everyMs: 60 * MINUTE_MS, run: () => pruneAuthData() },
  { name: "prune-sent-messages", everyMs: 6 * 60 * MINUTE_MS, run: () => pruneSettledMessages({ days: env().OUTBOX_RETENTION_DAYS }) },
  // Soon after a session ends its contact gets the one-tap register link.
  { name: "send-register-links", everyMs: 15_000, run: () => sendRegisterLinks() },
  { name: "flag-referrals-without-booking", everyMs: 5 * MINUTE_MS, run: () => flagReferralsWithoutBooking() },
  { name: "flag-referrals-gone-quiet", everyMs: 60 * MINUTE_MS, run: () => flagReferralsGoneQuiet() },
  { name: "flag-actions-not-followed", everyMs: 60 * MINUTE_MS, run: () => flagActionsNotFollowed() },
  { name: "disengage-stalled-referrals", everyMs: 60 * MINUTE_MS, run: () => disengageStalledReferrals() },
  { name: "complete-finished-programmes", everyMs: 60 * MINUTE_MS, run: () => completeFinishedProgrammes() },
  { name: "send-follow-ups", everyMs: 60_000, run: () => sendFollowUps() },
  { name: "session-cancellations", everyMs: 5_000, wakeOn: ["event"], run: () => handleSessionCancellations() },
  { name: "session-reinstatements", everyMs: 5_000, wakeOn: ["event"], run: () => handleSessionReinstatements() },
  { name: "waitlist-offers", everyMs: 60_000, run: () => passOnLapsedOffers() },
  { name: "booking-reminders", everyMs: 5 * MINUTE_MS, run: () => sendBookingReminders() },
  { name: "expire-referrals", everyMs: 60 * MINUTE_MS, run: () => expireIdleReferrals() },
  // Does its work once a day (07:00 UK time); the other runs find nothing new.
  { name: "organiser-booking-digest", everyMs: 10 * MINUTE_MS, run: () => sendBookingDigests() },
  { name: "sync-search-index", everyMs: 5_000, wakeOn: ["search"], run: () => syncSearchIndex() },
  { name: "refresh-session-summaries", everyMs: 60_000, run: () => refreshSessionSummaries() },
  // Daily would do; hourly works a backlog (e.g. after the setting is shortened) through in small batches.
  { name: "remove-expired-personal-details", everyMs: 60 * MINUTE_MS, run: () => removeExpiredPersonalDetails() },
  // The reports read these instead of every booking, and the area's figures per day; the pages say how fresh they are.
  { name: "refresh-report-facts", everyMs: FACTS_EVERY_MINUTES * MINUTE_MS, run: () => refreshReportFigures() },
  // Organisers' own .ics feeds become their activities' sessions (decision 084).
  { name: "refresh-calendar-imports", everyMs: 60 * MINUTE_MS, run: () => refreshCalendarImports() },
  { name: "prune-spelling-words", everyMs: 24 * 60 * MINUTE_MS, run: () => pruneSpellingWords() },
];

/** Runs every job once, in order, here and now (tests and `npm run worker -- --once`). */
export async function runJobsOnce(selected: Job[] = jobs): Promise<void> {
  for (const job of selected) await readFromPrimary(() => job.run());
}

/** Starts this process's worker: it shares the jobs with every other worker on the database. */
export function startWorker(options: { jobs?: Job[]; tickMs?: number; id?: string } = {}): Promise<WorkerHandle> {
  return startJobRunner(options.jobs ?? jobs, options);
}
