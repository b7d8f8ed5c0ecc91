/**
 * Issue 18.4: /metrics (Prometheus, behind a token), /readyz and request ids,
 * through the same express middleware the server mounts, on a real database.
 */
import express from "express";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb } from "../../db/client";
import { queueEmail } from "~/modules/notifications/index.server";
import { routeLabel } from "~/modules/system/index.server";
import { operations, requestLog } from "../../scripts/lib/operations";

const TOKEN = "a-long-enough-metrics-token";
let base = "";
let close = async () => {};

beforeAll(async () => {
  const app = express();
  app.use(requestLog());
  app.use(operations({ METRICS_TOKEN: TOKEN }));
  app.get("/activities/:id", (_req, res) => void res.send("an activity"));
  ({ base, close } = await listenOnFreePort(app));
});
afterAll(() => close());

/**
 * Prometheus text format: comments, or `name{label="value",…} number`. Prometheus reads the number with Go's ParseFloat,
 * which takes NaN and Inf in any case: prom-client writes "Nan" for a gauge with no samples since the last scrape.
 */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/i.exec(line);
    if (!m) throw new Error(`not Prometheus text format: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

describe("/metrics", () => {
  it("asks for the token, and refuses a wrong one", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer wrong-token-wrong-token!" } })).status).toBe(401);
  });

  it("is not there at all when no token is set", async () => {
    const app = express();
    app.use(operations({ METRICS_TOKEN: undefined }));
    app.use((_req, res) => void res.status(404).send("not found"));
    const site = await listenOnFreePort(app);
    const response = await fetch(`${site.base}/metrics`);
    await site.close();
    expect(response.status).toBe(404);
  });

  it("reports request durations by route pattern, outbox depth, job failures and workers, in a format Prometheus parses", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "someone@example.test", subject: "Waiting", text: "Hello" });
    await queueEmail(db, { to: "other@example.test", subject: "Waiting too", text: "Hello" });
    await db.execute(sql`insert into worker_jobs (name, next_run_at, failures, total_failures, last_error)
      values ('deliver-email', now() - interval '90 seconds', 2, 3, 'connection refused')`);
    const id = "4d1c0c2e-0f7e-4b7e-9a51-2d35b8e0a111";
    const page = await fetch(`${base}/activities/${id}`);
    expect(page.status).toBe(200);

    const response = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    const samples = parseExposition(text);
    expect(samples.get('linkway_http_request_duration_seconds_count{method="GET",route="/activities/:param",status="2xx"}')).toBe(1);
    // The id itself never becomes a label.
    expect(text).not.toContain(id);
    expect(samples.get('linkway_outbox_waiting{topic="email"}')).toBe(2);
    expect(samples.get('linkway_job_failures_in_a_row{job="deliver-email"}')).toBe(2);
    expect(samples.get('linkway_job_failures{job="deliver-email"}')).toBe(3);
    expect(samples.get('linkway_job_lag_seconds{job="deliver-email"}')).toBeGreaterThanOrEqual(85);
    expect(samples.get("linkway_workers_live")).toBe(0);
    expect([...samples.keys()].some((k) => k.startsWith("linkway_db_connections{"))).toBe(true);
  });

  it("turns ids, tokens and codes into one route pattern", () => {
    expect(routeLabel("/r/Zx81kPq0aa9-token")).toBe("/r/:param");
    expect(routeLabel("/sessions/0b5e6c1e-6e0f-4c0e-8b7c-3a0d7f1c2b3d/register")).toBe("/sessions/:param/register");
    expect(routeLabel("/search")).toBe("/search");
  });
});

describe("/readyz", () => {
  it("is 503 while no worker beats, and 200 once one does, with the migrations current", async () => {
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, database: "ok", migrations: "current", worker: "stale" });
    const db = await getDb();
    await db.execute(sql`insert into worker_heartbeats (id, host, pid) values ('test-worker', 'here', 1)`);
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ ready: true, database: "ok", migrations: "current", worker: "fresh" });
  });

  it("says the migrations are behind when the database lacks this code's newest one", async () => {
    const db = await getDb();
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect((await response.json()).migrations).toBe("behind");
  });
});

describe("request ids", () => {
  it("answers with the proxy's X-Request-Id, or a new one", async () => {
    const sent = await fetch(`${base}/activities/x`, { headers: { "X-Request-Id": "lb-req-12345678" } });
    expect(sent.headers.get("x-request-id")).toBe("lb-req-12345678");
    const fresh = await fetch(`${base}/activities/x`, { headers: { "X-Request-Id": "<script>" } });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
