/**
 * Issue 14, item 10: a worker killed (kill -9) while sending leaves the email
 * to be sent again, at least once, and always under the same Message-ID, so
 * mail systems can drop the repeat. Before the claim/confirm outbox, each of
 * three kills gave a duplicate with a new Message-ID (103 delivered for 100).
 *
 * Needs PostgreSQL: the worker runs in its own process, which PGlite (one
 * process owns the files) cannot share with the test.
 */
import { afterAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { sql } from "drizzle-orm";
import { queueEmail } from "~/modules/notifications/index.server";
import { startScript, startSmtpSink, waitFor, type Started } from "../setup/processes";

const onPostgres = Boolean(process.env.TEST_SERVER_DATABASE_URL);
const QUEUED = 30;
const KILL_AT = new Set([4, 12, 21]);

describe.skipIf(!onPostgres)("email after a worker crash (kill -9)", () => {
  let worker: Started | undefined;
  afterAll(async () => {
    await worker?.kill("SIGKILL");
  });

  it("delivers every message at least once, each copy under its message's one Message-ID", async () => {
    const db = await getDb();
    for (let i = 0; i < QUEUED; i++) {
      await queueEmail(db, { to: `person${i}@example.test`, subject: `Message ${i}`, text: "Plain words" });
    }
    const sink = await startSmtpSink();
    const workerEnv = {
      DATABASE_URL: process.env.DATABASE_URL!,
      SMTP_URL: sink.url,
      // A claim left by a killed worker lapses after a second, so the test need not wait minutes.
      OUTBOX_CLAIM_SECONDS: "1",
      // And the killed worker's jobs pass to its successor after 10 s, not 30.
      WORKER_STALE_SECONDS: "10",
    };
    const start = () => startScript("scripts/worker.ts", workerEnv, /worker running/);
    let kills = 0;
    let restarting: Promise<void> = Promise.resolve();
    // The mail server has the message, but the worker dies before it hears "250 OK".
    sink.onMessage = async () => {
      if (!KILL_AT.has(sink.received.length)) return;
      kills++;
      const dying = worker!;
      await dying.kill("SIGKILL");
      restarting = start().then((w) => void (worker = w));
      throw new Error("connection lost");
    };
    worker = await start();
    try {
      await waitFor(async () => {
        await restarting;
        const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where topic = 'email' and processed_at is null`);
        return row!.n === 0;
      }, 150_000, "every email to be sent");
    } finally {
      await worker?.kill("SIGTERM");
      await sink.close();
    }

    expect(kills).toBe(KILL_AT.size);
    const ids = sink.received.map((m) => m.messageId);
    // Every queued message arrived, and the repeats after each crash reused their message's id.
    expect(new Set(sink.received.map((m) => m.subject)).size).toBe(QUEUED);
    expect(new Set(ids).size).toBe(QUEUED);
    expect(ids.every((id) => /^<outbox-\d+\.[0-9a-z]+@linkway\.test>$/.test(id))).toBe(true);
    const sent = await queryRows<{ n: number; errors: number }>(
      db,
      sql`select count(*)::int as n, count(last_error)::int as errors from outbox where topic = 'email' and processed_at is not null`,
    );
    expect(sent[0]).toEqual({ n: QUEUED, errors: 0 });
  }, 240_000);
});
