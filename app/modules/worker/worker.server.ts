/**
 * The background worker: small jobs on timers. Each module exports its job;
 * this file only decides how often each runs and keeps runs from overlapping.
 */
import { rollSessionHorizon } from "../activities/materialise-sessions.server";
import { completeFinishedProgrammes } from "../attendance/completion.server";
import { sendRegisterLinks } from "../attendance/register-link.server";
import { disengageStalledReferrals } from "../attendance/disengage.server";
import { flagReferralsWithoutBooking } from "../attendance/stall.server";
import { pruneSpellingWords, refreshSessionSummaries, syncSearchIndex } from "../activities/search-sync.server";
import { deliverPendingEmails } from "../notifications/email.server";
import { pruneSettledMessages } from "../notifications/outbox.server";
import { pruneAuthData } from "../accounts/housekeeping.server";
import { sendFollowUps } from "../referrals/follow-up.server";
import { sendBookingReminders } from "../referrals/booking-reminders.server";
import { expireIdleReferrals } from "../referrals/expire-referrals.server";
import { removeExpiredPersonalDetails } from "../referrals/personal-data.server";
import { sendBookingDigests } from "../referrals/organiser-digest.server";
import { handleSessionCancellations } from "../referrals/session-cancellations.server";
import { handleSessionReinstatements } from "../referrals/session-reinstatements.server";
import { passOnLapsedOffers } from "../referrals/waitlist-offers.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

export interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export const jobs: Job[] = [
  { name: "deliver-email", everyMs: 2_000, run: () => deliverPendingEmails() },
  { name: "roll-session-horizon", everyMs: 60 * 60_000, run: () => rollSessionHorizon() },
  { name: "prune-auth-data", everyMs: 60 * 60_000, run: () => pruneAuthData() },
  { name: "prune-sent-messages", everyMs: 6 * 60 * 60_000, run: () => pruneSettledMessages({ days: env().OUTBOX_RETENTION_DAYS }) },
  // Soon after a session ends its contact gets the one-tap register link.
  { name: "send-register-links", everyMs: 15_000, run: () => sendRegisterLinks() },
  { name: "flag-referrals-without-booking", everyMs: 5 * 60_000, run: () => flagReferralsWithoutBooking() },
  { name: "disengage-stalled-referrals", everyMs: 60 * 60_000, run: () => disengageStalledReferrals() },
  { name: "complete-finished-programmes", everyMs: 60 * 60_000, run: () => completeFinishedProgrammes() },
  { name: "send-follow-ups", everyMs: 60_000, run: () => sendFollowUps() },
  { name: "session-cancellations", everyMs: 5_000, run: () => handleSessionCancellations() },
  { name: "session-reinstatements", everyMs: 5_000, run: () => handleSessionReinstatements() },
  { name: "waitlist-offers", everyMs: 60_000, run: () => passOnLapsedOffers() },
  { name: "booking-reminders", everyMs: 5 * 60_000, run: () => sendBookingReminders() },
  { name: "expire-referrals", everyMs: 60 * 60_000, run: () => expireIdleReferrals() },
  // Does its work once a day (07:00 UK time); the other runs find nothing new.
  { name: "organiser-booking-digest", everyMs: 10 * 60_000, run: () => sendBookingDigests() },
  { name: "sync-search-index", everyMs: 5_000, run: () => syncSearchIndex() },
  { name: "refresh-session-summaries", everyMs: 60_000, run: () => refreshSessionSummaries() },
  // Daily would do; hourly works a backlog (e.g. after the setting is shortened) through in small batches.
  { name: "remove-expired-personal-details", everyMs: 60 * 60_000, run: () => removeExpiredPersonalDetails() },
  { name: "prune-spelling-words", everyMs: 24 * 60 * 60_000, run: () => pruneSpellingWords() },
];

/** Runs every job once, in order (tests and `npm run worker -- --once`). */
export async function runJobsOnce(selected: Job[] = jobs): Promise<void> {
  for (const job of selected) await job.run();
}

export function startWorker(selected: Job[] = jobs): { stop: () => Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  const tick = (job: Job) => {
    if (stopped || running.has(job.name)) return;
    const run = job
      .run()
      .catch((error) => logger.error({ err: error, job: job.name }, "worker job failed"))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };
  for (const job of selected) {
    tick(job);
    timers.push(setInterval(() => tick(job), job.everyMs));
  }
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearInterval);
      await Promise.allSettled(running.values());
    },
  };
}
