/**
 * Prometheus metrics (prom-client): request durations by route, page cache
 * answers, database connections, outbox depth and age, job lag and failures, workers alive.
 * Request timings are recorded by the HTTP server; everything read from the
 * database is read at scrape time, so every web process reports the same
 * shared figures and the numbers never drift from the tables.
 */
import { sql } from "drizzle-orm";
import client from "prom-client";
import { getDatabase, queryRows } from "#db/client";
import { outboxStats } from "~/modules/notifications/index.server";
import { listJobStatus, workerLiveness } from "~/modules/worker/index.server";

const holder = globalThis as typeof globalThis & { __linkwayMetrics?: ReturnType<typeof createMetrics> };

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "linkway_process_" });
  const requestDuration = new client.Histogram({
    name: "linkway_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route pattern and status class.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  new client.Gauge({
    name: "linkway_db_connections",
    help: "Connections to this database by state (pg_stat_activity; every process on the database).",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const handle = await getDatabase();
      if (handle.kind === "pglite") {
        this.set({ state: "embedded" }, 1);
        return;
      }
      const rows = await queryRows<{ state: string | null; n: number }>(
        handle.db,
        sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where datname = current_database() group by 1`,
      );
      for (const r of rows) this.set({ state: r.state ?? "unknown" }, Number(r.n));
    },
  });
  const outboxWaiting = new client.Gauge({ name: "linkway_outbox_waiting", help: "Messages not yet sent, by topic.", labelNames: ["topic"] as const, registers: [registry] });
  const outboxAge = new client.Gauge({ name: "linkway_outbox_oldest_due_seconds", help: "Age of the oldest overdue unsent message, by topic.", labelNames: ["topic"] as const, registers: [registry] });
  const outboxParked = new client.Gauge({ name: "linkway_outbox_parked", help: "Messages given up on after repeated failures, by topic.", labelNames: ["topic"] as const, registers: [registry] });
  const jobLag = new client.Gauge({ name: "linkway_job_lag_seconds", help: "How long past its due time a job is (0 when not overdue).", labelNames: ["job"] as const, registers: [registry] });
  const jobFailing = new client.Gauge({ name: "linkway_job_failures_in_a_row", help: "Consecutive failures of a job (0 after a success).", labelNames: ["job"] as const, registers: [registry] });
  const jobFailures = new client.Gauge({ name: "linkway_job_failures", help: "Failed runs of a job since it was first registered.", labelNames: ["job"] as const, registers: [registry] });
  const jobLastSuccess = new client.Gauge({ name: "linkway_job_last_success_timestamp_seconds", help: "When a job last finished without error (Unix time).", labelNames: ["job"] as const, registers: [registry] });
  const workersLive = new client.Gauge({ name: "linkway_workers_live", help: "Worker processes that beat within WORKER_STALE_SECONDS (30 by default).", registers: [registry] });
  const pageCacheAnswers = new client.Counter({
    name: "linkway_page_cache_answers_total",
    help: "Public pages for signed-out visitors (decision 106): served as kept (hit), or rendered and kept for the next visitors (kept).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });

  /** Reads the shared figures from the database; called before each scrape. */
  async function refresh(now = Date.now()) {
    const [outbox, jobs, workers] = await Promise.all([outboxStats(), listJobStatus(), workerLiveness()]);
    for (const g of [outboxWaiting, outboxAge, outboxParked, jobLag, jobFailing, jobFailures, jobLastSuccess]) g.reset();
    for (const o of outbox) {
      outboxWaiting.set({ topic: o.topic }, o.waiting);
      outboxAge.set({ topic: o.topic }, o.oldestDueAgeS);
      outboxParked.set({ topic: o.topic }, o.parked);
    }
    for (const j of jobs) {
      jobLag.set({ job: j.name }, j.running ? 0 : Math.max(0, (now - j.nextRunAt.getTime()) / 1000));
      jobFailing.set({ job: j.name }, j.failures);
      jobFailures.set({ job: j.name }, j.totalFailures);
      if (j.lastSucceededAt) jobLastSuccess.set({ job: j.name }, j.lastSucceededAt.getTime() / 1000);
    }
    workersLive.set(workers.live);
  }

  return { registry, requestDuration, pageCacheAnswers, refresh };
}

function metrics() {
  holder.__linkwayMetrics ??= createMetrics();
  return holder.__linkwayMetrics;
}

const STATIC_SEGMENT = /^[a-z][a-z-]{0,29}(\.[a-z]{2,4})?$/;
const MAX_ROUTES = 300;
const seenRoutes = new Set<string>();

/**
 * A request path as a low-cardinality route label: ids, tokens and codes
 * become ":param" (they also must never reach a metrics store), and past
 * MAX_ROUTES distinct patterns everything else is "other", so a scan of
 * random paths cannot blow up the series count.
 */
export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/assets/")) return "/assets/*";
  const pattern =
    "/" +
    pathname
      .split("/")
      .filter(Boolean)
      .slice(0, 6)
      .map((s) => (STATIC_SEGMENT.test(s) ? s : ":param"))
      .join("/");
  if (seenRoutes.has(pattern)) return pattern;
  if (seenRoutes.size >= MAX_ROUTES) return "other";
  seenRoutes.add(pattern);
  return pattern;
}

export function observeRequest(input: { method: string; pathname: string; status: number; seconds: number }): void {
  metrics().requestDuration.observe(
    { method: input.method, route: routeLabel(input.pathname), status: `${Math.floor(input.status / 100)}xx` },
    input.seconds,
  );
}

/** A public page answered from this process's page cache, or rendered and kept in it. */
export function observePageCache(outcome: "hit" | "kept"): void {
  metrics().pageCacheAnswers.inc({ outcome });
}

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  await m.refresh();
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
