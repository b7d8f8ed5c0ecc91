/**
 * Issue 18.1: time-driven jobs run once per due run however many workers
 * share the database, a dead worker's job is picked up, failures back off and
 * show, and a new outbox message wakes its job at once. Two workers race in
 * one process here (on PostgreSQL over separate pool connections); the
 * multi-process test races real processes.
 */
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { queueEmail, listDevMailbox, deliverPendingEmails } from "~/modules/notifications/index.server";
import { latestDigestTime, performPersonAction, sendBookingDigests } from "~/modules/referrals/index.server";
import { listJobStatus, startWorker, workerLiveness, type Job, type WorkerHandle } from "~/modules/worker/index.server";
import { createActivity, createSession } from "../factories";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { HOUR_MS } from "~/utils/time";
import { createAccount } from "../factories/accounts";
import { requestAs } from "../setup/auth";
import { callRoute } from "../setup/routes";
import * as backgroundPage from "~/routes/admin.background/route";
import * as devClock from "~/routes/dev.clock/route";
import { setClockOffset } from "~/utils/clock.server";

const started: WorkerHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop()));
  const db = await getDb();
  await db.execute(sql`delete from worker_jobs`);
});

async function start(jobs: Job[], id: string, tickMs = 40) {
  const worker = await startWorker({ jobs, tickMs, id });
  started.push(worker);
  return worker;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counting(name: string, everyMs: number, runMs = 0) {
  const job = {
    name,
    everyMs,
    runs: 0,
    run: async () => {
      job.runs++;
      if (runMs) await sleep(runMs);
    },
  };
  return job;
}

describe("jobs shared by two workers", () => {
  it("runs each due job once, not once per worker", async () => {
    const quick = counting("test-quick", 60_000);
    const slow = counting("test-slow", 60_000, 400);
    const hourly = counting("test-hourly", 60 * 60_000);
    // Each worker gets its own copies of the jobs, as two processes would.
    const copies = () => [quick, slow, hourly].map((j) => ({ ...j, run: j.run }));
    const [a, b] = await Promise.all([start(copies(), "worker-a"), start(copies(), "worker-b")]);
    await sleep(1_500);
    await Promise.all([a.idle(), b.idle()]);
    expect([quick.runs, slow.runs, hourly.runs]).toEqual([1, 1, 1]);
    const status = await listJobStatus();
    expect(status.filter((s) => s.name.startsWith("test-")).map((s) => [s.name, s.runs, s.running])).toEqual([
      ["test-hourly", 1, false],
      ["test-quick", 1, false],
      ["test-slow", 1, false],
    ]);
    expect((await workerLiveness()).live).toBeGreaterThanOrEqual(2);
  });

  it("runs a job again when it is due again, on whichever worker claims it", async () => {
    const every = counting("test-every-300ms", 300);
    await Promise.all([start([{ ...every, run: every.run }], "worker-a"), start([{ ...every, run: every.run }], "worker-b")]);
    await sleep(2_000);
    // About 2000/300 ≈ 6 due runs; two workers each running it would give about twice that.
    expect(every.runs).toBeGreaterThanOrEqual(3);
    expect(every.runs).toBeLessThanOrEqual(8);
  });

  it("leaves a live worker's job alone but takes over one held by a worker that stopped beating", async () => {
    const db = await getDb();
    const held = counting("test-held", 60_000);
    const orphaned = counting("test-orphaned", 60_000);
    await db.execute(sql`insert into worker_heartbeats (id, host, pid, seen_at) values
      ('alive', 'h', 1, now()), ('dead', 'h', 2, now() - interval '5 minutes')`);
    await db.execute(sql`insert into worker_jobs (name, next_run_at, locked_by, locked_until) values
      ('test-held', now() - interval '1 minute', 'alive', now() + interval '1 hour'),
      ('test-orphaned', now() - interval '1 minute', 'dead', now() + interval '1 hour')`);
    const w = await start([{ ...held }, { ...orphaned }], "worker-c");
    await sleep(800);
    await w.idle();
    expect(held.runs).toBe(0);
    expect(orphaned.runs).toBe(1);
    await db.execute(sql`delete from worker_heartbeats where id in ('alive', 'dead')`);
  });

  it("backs off a failing job and keeps its error for the admin page", async () => {
    let attempts = 0;
    const w = await start([{ name: "test-failing", everyMs: 1_000, run: async () => { attempts++; throw new Error("mail server refused"); } }], "worker-d");
    await sleep(1_500);
    await w.idle();
    // Not retried every tick: the next try waits at least 5 seconds.
    expect(attempts).toBe(1);
    const [failing] = await listJobStatus();
    expect(failing).toMatchObject({ name: "test-failing", failures: 1, totalFailures: 1, lastError: "mail server refused", lastSucceededAt: null });
    expect(failing!.nextRunAt.getTime() - Date.now()).toBeGreaterThan(2_500);

    // An admin sees it on the background work page; nobody else can open the page.
    const admin = await createAccount({ isAdmin: true });
    const page = await callRoute(backgroundPage.loader, await requestAs(admin.id, "/admin/background"));
    expect(page.status).toBe(200);
    expect(page.body.jobs[0]).toMatchObject({ name: "test-failing", failures: 1, lastError: "mail server refused" });
    expect(page.body.workers.live).toBeGreaterThanOrEqual(1);
    const someone = await createAccount();
    expect((await callRoute(backgroundPage.loader, await requestAs(someone.id, "/admin/background"))).status).toBe(403);
  });

  it("wakes the email job as soon as a message is queued (LISTEN/NOTIFY), not at its next turn", async () => {
    const mail = counting("test-deliver", 60 * 60_000);
    await start([{ ...mail, wakeOn: ["email"], run: () => mail.run().then(() => deliverPendingEmails()) }], "worker-e", 60_000);
    const db = await getDb();
    // The first run happens at start; the timer's next tick is a minute away.
    for (let i = 0; i < 50 && mail.runs < 1; i++) await sleep(100);
    expect(mail.runs).toBe(1);
    await queueEmail(db, { to: "woken@example.test", subject: "Woken", text: "Hello" });
    for (let i = 0; i < 50 && (await listDevMailbox({ to: "woken@example.test" })).length === 0; i++) await sleep(100);
    expect((await listDevMailbox({ to: "woken@example.test" })).map((m) => m.subject)).toEqual(["Woken"]);
    expect(mail.runs).toBe(2);
  });

  it("runs every job at once when the development clock is moved, not when each job's timer comes round", async () => {
    const follow = counting("test-follow-ups", 60 * 60_000);
    const digest = counting("test-digest", 24 * 60 * 60_000);
    await start([follow, digest].map((j) => ({ ...j, run: j.run })), "worker-c", 50);
    for (let i = 0; i < 50 && follow.runs + digest.runs < 2; i++) await sleep(100);
    expect([follow.runs, digest.runs]).toEqual([1, 1]);
    const moved = await callRoute(devClock.action, new Request("http://localhost/dev/clock", { method: "POST", body: new URLSearchParams({ offsetMs: String(43 * 24 * HOUR_MS) }) }));
    try {
      expect(moved.status).toBe(200);
      for (let i = 0; i < 50 && follow.runs + digest.runs < 4; i++) await sleep(100);
      expect([follow.runs, digest.runs]).toEqual([2, 2]);
    } finally {
      setClockOffset(0);
    }
  });
});

describe("a job's own once-per-item guarantee", () => {
  it("sends one morning summary per organisation however many workers run the digest at once", async () => {
    const { organisation, user: owner } = await createOrganiser();
    const walk = await createActivity({ organisationId: organisation.id, title: "Canal Walk" });
    const session = await createSession(walk.id, { startsAt: new Date(Date.now() + 6 * 24 * HOUR_MS) });
    const referrer = await createReferrer();
    const morning = latestDigestTime(new Date(Date.now() + 2 * 24 * HOUR_MS));
    for (const name of ["Ada", "Ben", "Cai"]) {
      const person = await refer(walk.id, referrer, { firstName: name, lastName: "Example" });
      expect((await performPersonAction(person.token, { intent: "book", sessionId: session.id }, new Date(morning.getTime() - 3 * HOUR_MS))).ok).toBe(true);
    }
    const now = new Date(morning.getTime() + 60_000);
    const sent = await Promise.all([1, 2, 3, 4].map(() => sendBookingDigests({ now })));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    await deliverPendingEmails();
    const digests = (await listDevMailbox({ to: owner.email })).filter((m) => /new bookings? for/.test(m.subject));
    expect(digests.map((m) => m.subject)).toEqual([`3 new bookings for ${organisation.name}`]);
    const db = await getDb();
    const [queued] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where topic = 'email' and payload->>'subject' like '%new bookings for%'`);
    expect(queued!.n).toBe(1);
  });
});
