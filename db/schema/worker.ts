import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";

/**
 * One row per background job: when it is next due and which worker holds it.
 * However many worker processes run, a job runs when one of them claims its
 * row (a conditional UPDATE), so each due run happens once.
 */
export const workerJobs = pgTable("worker_jobs", {
  name: text("name").primaryKey(),
  nextRunAt: timestamptz("next_run_at").notNull().defaultNow(),
  /** The worker (worker_heartbeats.id) running it now; null when idle. */
  lockedBy: text("locked_by"),
  /** A hard limit on a run; a worker that stopped beating loses the job sooner. */
  lockedUntil: timestamptz("locked_until"),
  lastStartedAt: timestamptz("last_started_at"),
  lastFinishedAt: timestamptz("last_finished_at"),
  lastSucceededAt: timestamptz("last_succeeded_at"),
  runs: integer("runs").notNull().default(0),
  /** Failures in a row (backoff doubles with each); 0 after a success. */
  failures: integer("failures").notNull().default(0),
  totalFailures: integer("total_failures").notNull().default(0),
  lastError: text("last_error"),
});

/** Each running worker process, beating every few seconds: for /readyz, /metrics and lapsed job claims. */
export const workerHeartbeats = pgTable(
  "worker_heartbeats",
  {
    id: text("id").primaryKey(),
    host: text("host").notNull(),
    pid: integer("pid").notNull(),
    startedAt: createdAt(),
    seenAt: timestamptz("seen_at").notNull().defaultNow(),
  },
  (t) => [index("worker_heartbeats_seen_idx").on(t.seenAt)],
);
