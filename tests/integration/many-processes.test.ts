/**
 * Issue 18.5: Linkway as a deployment runs it — two web processes and two
 * workers, started as `npm start` and `npm run worker` start them, on one
 * PostgreSQL database, with a real SMTP server. Bookings arrive through both
 * web processes at once, a session made on one is honoured by the other, a
 * rate limit counts attempts made on both, and the workers share the mail and
 * the morning digest: every email arrives once, every digest once, and no
 * session takes more people than it has places.
 *
 * Needs PostgreSQL: PGlite is one process's files, which four processes cannot
 * share. Uses the built site (built here first if the code is newer).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "../../db/client";
import { latestDigestTime } from "~/modules/referrals/index.server";
import { buildIfNeeded } from "../../scripts/lib/build";
import { createActivity, createSession } from "../factories";
import { createAccount, testPassword } from "../factories/accounts";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { freePort, startScript, startSmtpSink, stopAllStarted, waitFor, type SmtpSink, type Started } from "../setup/processes";

const onPostgres = Boolean(process.env.TEST_SERVER_DATABASE_URL);
const PLACES = 3;
const PEOPLE_PER_SESSION = 6;

describe.skipIf(!onPostgres)("two web processes and two workers on one database (PostgreSQL only)", () => {
  let sink: SmtpSink | undefined;

  beforeAll(async () => {
    // Once here, so two web processes starting together never both build.
    await buildIfNeeded();
  }, 600_000);

  afterAll(async () => {
    // Whatever happened above: no process outlives the test.
    await stopAllStarted("SIGKILL");
    await sink?.close();
  }, 30_000);

  it("books, signs in, limits and mails once across processes", async () => {
    sink = await startSmtpSink();
    const databaseUrl = process.env.DATABASE_URL!;
    const [portA, portB] = [await freePort(), await freePort()];
    const web = (port: number) =>
      startScript("scripts/start.ts", { DATABASE_URL: databaseUrl, PORT: String(port), RUN_WORKER: "false", SEED_DEMO: "false", DATABASE_POOL_SIZE: "4" }, /Linkway is running at/, 120_000);
    const worker = (name: string) =>
      startScript("scripts/worker.ts", { DATABASE_URL: databaseUrl, SMTP_URL: sink!.url, DATABASE_POOL_SIZE: "3", DATABASE_APPLICATION_NAME: name }, /worker running/, 120_000);
    const [webA, webB] = await Promise.all([web(portA), web(portB), worker("linkway-worker-1"), worker("linkway-worker-2")]) as Started[];
    const sites = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    expect(webA && webB).toBeTruthy();

    // Two organisations, each with one session that has three places, and six people referred to each.
    const referrer = await createReferrer();
    const offers = await Promise.all(
      [1, 2].map(async () => {
        const { organisation } = await createOrganiser();
        const activity = await createActivity({ organisationId: organisation.id });
        const session = await createSession(activity.id, { capacity: PLACES, startsAt: new Date(Date.now() + 6 * 86_400_000) });
        return { organisation, session, people: [] as { token: string }[] };
      }),
    );
    for (const offer of offers) {
      const activityId = (await queryRows<{ id: string }>(await getDb(), sql`select activity_id as id from sessions where id = ${offer.session.id}`))[0]!.id;
      for (let i = 0; i < PEOPLE_PER_SESSION; i++) offer.people.push(await refer(activityId, referrer, { firstName: `Person${i}` }));
    }

    // Everyone asks for a place at once, half through each web process.
    const post = (site: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${site}${path}`, { method: "POST", redirect: "manual", headers: { Origin: site, "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(form) });
    const attempts = offers.flatMap((offer) => offer.people.map((person, i) => ({ offer, site: sites[i % 2]!, token: person.token })));
    const statuses = await Promise.all(
      attempts.map(async ({ offer, site, token }) => (await post(site, `/r/${token}`, { intent: "book", sessionId: offer.session.id })).status),
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2 * PLACES);
    const db = await getDb();
    const places = await queryRows<{ booked: number; counted: number; capacity: number }>(
      db,
      sql`select s.capacity, s.booked_count as counted, (select count(*)::int from bookings b where b.session_id = s.id and b.status = 'booked') as booked
          from sessions s where s.id in (${offers[0]!.session.id}, ${offers[1]!.session.id})`,
    );
    expect(places).toEqual([
      { booked: PLACES, counted: PLACES, capacity: PLACES },
      { booked: PLACES, counted: PLACES, capacity: PLACES },
    ]);

    // Signed in on one process, known on the other; signed out, the other sends you to sign in.
    const member = await createAccount();
    const signedIn = await post(sites[0]!, "/login", { email: member.email, password: testPassword });
    expect(signedIn.status).toBe(302);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^linkway_session=/);
    const account = await fetch(`${sites[1]}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(member.email);
    expect((await fetch(`${sites[1]}/account`, { redirect: "manual" })).headers.get("location")).toMatch(/^\/login/);

    // Five wrong passwords spread over both processes use up the account's five tries: the sixth is refused, right or wrong.
    const target = await createAccount();
    for (let i = 0; i < 5; i++) {
      const wrong = await post(sites[i % 2]!, "/login", { email: target.email, password: "not the password" });
      expect(await wrong.text()).toContain("do not match an account");
    }
    const sixth = await post(sites[1]!, "/login", { email: target.email, password: testPassword });
    // A refused form answers 400 with its message (decision 041).
    expect(sixth.status).toBe(400);
    expect(sixth.headers.get("set-cookie") ?? "").not.toMatch(/linkway_session=[^;]/);
    expect(await sixth.text()).toContain("Too many attempts");

    // It is now the morning after: the bookings fall in the window of the organisers' daily summary, and both workers may send it.
    const digestJob = async () =>
      (await queryRows<{ runs: number; idle: boolean }>(db, sql`select runs, locked_by is null as idle from worker_jobs where name = 'organiser-booking-digest'`))[0];
    // Its first run (at start, with nothing to send) must be over, so the run below is a fresh one.
    await waitFor(async () => { const job = await digestJob(); return !!job && job.runs >= 1 && job.idle; }, 60_000, "the digest job's first run");
    const runsBefore = (await digestJob())!.runs;
    const morning = latestDigestTime(new Date());
    await db.execute(sql`update referral_events set at = ${new Date(morning.getTime() - 3_600_000).toISOString()}::timestamptz where kind = 'booking'`);
    await db.execute(sql`update worker_jobs set next_run_at = now() where name = 'organiser-booking-digest'`);

    // Unsent and due, or claimed by a worker and on its way (a claim moves available_at on by the claim's lease).
    const pending = async () =>
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where topic = 'email' and processed_at is null and (available_at <= now() or attempts > 0)`))[0]!.n;
    const digests = () => sink!.received.filter((m) => /new bookings? for/.test(m.subject));
    // Done when the digest's run has finished (whichever worker claimed it) and nothing due is left unsent.
    const digestRunFinished = async () => {
      const job = await digestJob();
      return !!job && job.runs > runsBefore && job.idle;
    };
    await waitFor(async () => (await digestRunFinished()) && (await pending()) === 0, 90_000, "the workers to send every email and the digests");

    const sent = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where topic = 'email' and processed_at is not null`);
    const ids = sink.received.map((m) => m.messageId);
    expect(ids.length).toBe(sent[0]!.n);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length > 0)).toBe(true);
    // Booking confirmations at least, one per place taken.
    expect(ids.length).toBeGreaterThanOrEqual(2 * PLACES);
    expect(digests().map((m) => m.subject).sort()).toEqual(offers.map((o) => `${PLACES} new bookings for ${o.organisation.name}`).sort());
    // Both workers were alive throughout, sharing the jobs.
    const workers = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from worker_heartbeats where seen_at > now() - interval '30 seconds'`);
    expect(workers[0]!.n).toBe(2);
  }, 240_000);
});
