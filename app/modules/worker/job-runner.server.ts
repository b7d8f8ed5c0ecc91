/**
 * Runs jobs on timers so that each due run happens once however many worker
 * processes share the database (decision 100). Each job has a row in
 * `worker_jobs`; a worker runs a job only after claiming that row with one
 * conditional UPDATE that moves its next due time on. Every worker beats in
 * `worker_heartbeats`; a job held by a worker that stopped beating is free
 * again within WORKER_STALE_SECONDS (30 by default). A new outbox message wakes the jobs that
 * deliver its topic through LISTEN/NOTIFY, so email goes out at once rather
 * than at the next poll. Failures back off (doubling, capped at an hour) and
 * stay on the row for the admin page and /metrics.
 *
 * Once per due run is what the runner gives; once per due *item* (one reminder
 * per booking, one digest per organisation and morning) is each job's own
 * SQL, under row locks or conditional updates, because a job can still be cut
 * short by a crash and run again.
 */
import { sql } from "drizzle-orm";
import os from "node:os";
import crypto from "node:crypto";
import { getDatabase, queryRows, readFromPrimary } from "#db/client";
import type { OutboxTopic } from "~/modules/notifications/index.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { MINUTE_MS } from "~/utils/time";

export interface Job {
  name: string;
  /** The time between the start of one run and the next due run. */
  everyMs: number;
  /** Outbox topics whose new messages make this job due at once. */
  wakeOn?: OutboxTopic[];
  run: () => Promise<unknown>;
}

export const HEARTBEAT_MS = 5_000;
/** A worker not seen for this long is taken for dead: its jobs can be claimed by others. */
const staleAfterSeconds = () => env().WORKER_STALE_SECONDS;
/** The longest one run may hold its job, even from a live worker. */
const LOCK_LIMIT_S = 60 * 60;
const OUTBOX_CHANNEL = "linkway_outbox";

export interface WorkerHandle {
  id: string;
  stop: () => Promise<void>;
  /** Claims and starts whatever is due now (the timer does this every tickMs). */
  tick: () => Promise<void>;
  /** Resolves when no job this worker started is still running. */
  idle: () => Promise<void>;
}

export async function startJobRunner(jobs: Job[], options: { tickMs?: number; id?: string } = {}): Promise<WorkerHandle> {
  const handle = await getDatabase();
  const db = handle.db;
  const id = options.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const names = jobs.map((job) => job.name);
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const beat = () =>
    db.execute(sql`insert into worker_heartbeats (id, host, pid) values (${id}, ${os.hostname()}, ${process.pid})
      on conflict (id) do update set seen_at = now()`);
  await beat();
  // New jobs are due at once; existing rows keep their schedule (and their history).
  for (const name of names) {
    await db.execute(sql`insert into worker_jobs (name) values (${name}) on conflict (name) do nothing`);
  }

  /** Claims one due job, or none. SKIP LOCKED: two workers asking at once get different jobs. */
  async function claimOne(): Promise<Job | null> {
    const namesArray = sql`array[${sql.join(names.map((n) => sql`${n}`), sql`, `)}]::text[]`;
    const everyCase = sql.join(
      jobs.map((job) => sql`when ${job.name} then ${job.everyMs}::int`),
      sql` `,
    );
    const [row] = await queryRows<{ name: string }>(
      db,
      sql`update worker_jobs j
          set locked_by = ${id},
              locked_until = now() + make_interval(secs => ${LOCK_LIMIT_S}),
              last_started_at = now(),
              next_run_at = now() + make_interval(secs => (case j.name ${everyCase} end) / 1000.0)
          where j.name = (
            select c.name from worker_jobs c
            where c.name = any(${namesArray})
              and c.next_run_at <= now()
              and (c.locked_by is null or c.locked_until < now()
                   or not exists (select 1 from worker_heartbeats h
                                  where h.id = c.locked_by and h.seen_at > now() - make_interval(secs => ${staleAfterSeconds()})))
            order by c.next_run_at
            limit 1
            for update skip locked)
          returning j.name`,
    );
    return row ? (byName.get(row.name) ?? null) : null;
  }

  async function runClaimed(job: Job): Promise<void> {
    try {
      // Jobs decide what to write from what they read: never from a replica that lags.
      await readFromPrimary(() => job.run());
      await db.execute(sql`update worker_jobs set locked_by = null, locked_until = null, last_finished_at = now(),
          last_succeeded_at = now(), runs = runs + 1, failures = 0, last_error = null
        where name = ${job.name} and locked_by = ${id}`);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      logger.error({ err: error, job: job.name }, "worker job failed");
      await db
        .execute(
          sql`update worker_jobs set locked_by = null, locked_until = null, last_finished_at = now(), runs = runs + 1,
              failures = failures + 1, total_failures = total_failures + 1, last_error = ${message},
              -- Backoff: the job's interval (at least 5 s), doubling with each failure in a row, at most an hour.
              next_run_at = now() + make_interval(secs => least(greatest(${job.everyMs}, 5000) * power(2, failures), ${60 * MINUTE_MS}) / 1000.0)
            where name = ${job.name} and locked_by = ${id}`,
        )
        .catch((err: unknown) => logger.error({ err, job: job.name }, "could not record a job failure"));
    }
  }

  let ticking: Promise<void> | null = null;
  let again = false;
  async function tickOnce(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const job = await claimOne();
      if (!job) return;
      const run = runClaimed(job).finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  }
  /** One tick at a time; a tick asked for meanwhile runs right after. */
  function tick(): Promise<void> {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = tickOnce()
      .catch((error: unknown) => logger.error({ err: error }, "worker could not claim jobs"))
      .finally(() => {
        ticking = null;
        if (again && !stopped) {
          again = false;
          void tick();
        }
      });
    return ticking;
  }

  const wakeable = jobs.filter((job) => job.wakeOn?.length);
  const unlisten = wakeable.length
    ? await handle.listen(OUTBOX_CHANNEL, (topic) => {
        const due = wakeable.filter((job) => job.wakeOn!.includes(topic as OutboxTopic)).map((job) => job.name);
        if (due.length === 0 || stopped) return;
        void db
          .execute(
            sql`update worker_jobs set next_run_at = now()
              where name = any(array[${sql.join(due.map((n) => sql`${n}`), sql`, `)}]::text[]) and next_run_at > now()`,
          )
          .then(() => tick())
          .catch((error: unknown) => logger.error({ err: error }, "worker could not wake a job"));
      })
    : async () => {};

  const tickTimer = setInterval(() => void tick(), options.tickMs ?? 1_000);
  const beatTimer = setInterval(() => void beat().catch((error: unknown) => logger.error({ err: error }, "worker heartbeat failed")), HEARTBEAT_MS);
  void tick();

  const idle = async () => {
    while (running.size > 0 || ticking) await Promise.allSettled([...running.values(), ticking]);
  };
  return {
    id,
    tick,
    idle,
    async stop() {
      stopped = true;
      clearInterval(tickTimer);
      clearInterval(beatTimer);
      await unlisten().catch(() => {});
      await idle();
      // Leave no trace a live worker would wait on: our claims (none should be left) and our heartbeat.
      await db.execute(sql`update worker_jobs set locked_by = null, locked_until = null where locked_by = ${id}`);
      await db.execute(sql`delete from worker_heartbeats where id = ${id}`);
    },
  };
}

export interface JobStatus {
  name: string;
  nextRunAt: Date;
  lastSucceededAt: Date | null;
  lastFinishedAt: Date | null;
  running: boolean;
  runs: number;
  failures: number;
  totalFailures: number;
  lastError: string | null;
}

/** Every job's schedule and health, failing first: for the admin page and /metrics. */
export async function listJobStatus(): Promise<JobStatus[]> {
  const db = (await getDatabase()).db;
  const rows = await queryRows<{
    name: string;
    next_run_at: string | Date;
    last_succeeded_at: string | Date | null;
    last_finished_at: string | Date | null;
    running: boolean;
    runs: number;
    failures: number;
    total_failures: number;
    last_error: string | null;
  }>(
    db,
    sql`select name, next_run_at, last_succeeded_at, last_finished_at, runs, failures, total_failures, last_error,
          (locked_by is not null and locked_until > now()) as running
        from worker_jobs order by failures desc, name`,
  );
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    name: r.name,
    nextRunAt: new Date(r.next_run_at),
    lastSucceededAt: date(r.last_succeeded_at),
    lastFinishedAt: date(r.last_finished_at),
    running: r.running,
    runs: Number(r.runs),
    failures: Number(r.failures),
    totalFailures: Number(r.total_failures),
    lastError: r.last_error,
  }));
}

/**
 * Every job due now, for every worker on the database (each claims them at its next tick, within a second).
 * For the development clock: moved six weeks on, the reminders and follow-ups that fell due go at once,
 * not when each job's timer next comes round (up to an hour).
 */
export async function makeEveryJobDue(): Promise<void> {
  const db = (await getDatabase()).db;
  await db.execute(sql`update worker_jobs set next_run_at = now() where next_run_at > now()`);
}

/** Live workers (beat within WORKER_STALE_SECONDS) and the age in seconds of the freshest beat (null when none ever beat). */
export async function workerLiveness(): Promise<{ live: number; freshestAgeS: number | null }> {
  const db = (await getDatabase()).db;
  const [row] = await queryRows<{ live: number; age: number | null }>(
    db,
    sql`select count(*) filter (where seen_at > now() - make_interval(secs => ${staleAfterSeconds()}))::int as live,
          extract(epoch from now() - max(seen_at))::float8 as age
        from worker_heartbeats`,
  );
  return { live: Number(row?.live ?? 0), freshestAgeS: row?.age === null || row?.age === undefined ? null : Number(row.age) };
}
