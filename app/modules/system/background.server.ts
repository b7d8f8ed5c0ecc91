import { outboxStats, type OutboxStats } from "~/modules/notifications/index.server";
import { listJobStatus, workerLiveness, type JobStatus } from "~/modules/worker/index.server";

export interface BackgroundStatus {
  jobs: JobStatus[];
  workers: { live: number; freshestAgeS: number | null };
  outbox: OutboxStats[];
}

/** What the background workers are doing, for the admin page: jobs failing first, workers alive, mail waiting. */
export async function loadBackgroundStatus(): Promise<BackgroundStatus> {
  const [jobs, workers, outbox] = await Promise.all([listJobStatus(), workerLiveness(), outboxStats()]);
  return { jobs, workers, outbox };
}
