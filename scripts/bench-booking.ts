/**
 * npm run bench:booking — how fast people can book one popular session,
 * against the same number of people booking different sessions, in one run.
 *
 * On a scratch PostgreSQL database (DATABASE_URL names the server; default
 * postgres://postgres@127.0.0.1:5432/postgres), 200 bookers at once each make
 * bookings through the real booking verb (the person's private link,
 * performPersonAction): once all on ONE session, once each on their own
 * session, alternating round by round. The one session has 20 places fewer
 * than there are bookings, so the race for the last places is run every round,
 * and every round checks that no session was overbooked.
 *
 *   npm run bench:booking [-- --bookers 200] [--per-booker 5] [--rounds 3]
 *
 * The last line is the summary the issue asks for.
 */
import { sql } from "drizzle-orm";
import { loadavg } from "node:os";
import postgres from "postgres";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const bookers = option("bookers", 200);
const perBooker = option("per-booker", 5);
const rounds = option("rounds", 3);
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const refused = 20;

const name = `lw_booking_${process.pid}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
// The app's modules open the database from the environment: point them at the scratch one.
process.env.DATABASE_URL = url.toString();
process.env.DATABASE_POOL_SIZE ??= "20";

const { getDatabase, closeDatabase, queryRows } = await import("../db/client");
const { migrateDatabase } = await import("../db/migrate");
// The rows are made as the integration tests make them, so both follow the schema together.
const { createActivity, createSession } = await import("../tests/factories");
const { createPersonLink, createReferral } = await import("../tests/factories/referral-rows");
const { performPersonAction } = await import("../app/modules/referrals/index.server");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const handle = await getDatabase();
  await migrateDatabase(handle);
  const db = handle.db;

  const activity = await createActivity({ title: "Popular Walk", summary: "Everyone wants to come" });

  // One accepted referral (and private link) per booking in a round; each round books new sessions.
  const total = bookers * perBooker;
  const tokens: string[] = [];
  for (let start = 0; start < total; start += 50) {
    const batch = Array.from({ length: Math.min(50, total - start) }, (_, i) => start + i);
    tokens.push(
      ...(await Promise.all(
        batch.map(async (i) => {
          const referral = await createReferral({
            activityId: activity.id,
            // Numbered, so a thousand never collide on the unique reference code.
            code: `B${String(i).padStart(2, "0").slice(0, 2)}-${String(100000 + i).slice(-4)}`,
            source: "self",
            status: "accepted",
            personFirstName: "Bench",
          });
          return createPersonLink(referral.id);
        }),
      )),
    );
  }

  const now = new Date();
  let day = 2;
  const newSession = async (capacity: number) => (await createSession(activity.id, { startsAt: new Date(now.getTime() + day++ * 86_400_000), capacity })).id;

  /** Each booker books its share in turn; all bookers run at once. Returns bookings/s. */
  const run = async (sessionFor: (booker: number, k: number) => string) => {
    const started = performance.now();
    let booked = 0;
    await Promise.all(
      Array.from({ length: bookers }, async (_, b) => {
        for (let k = 0; k < perBooker; k++) {
          const result = await performPersonAction(tokens[b * perBooker + k], { intent: "book", sessionId: sessionFor(b, k) });
          if (result.ok) booked++;
          else if (result.status !== 409) throw new Error(`booking failed: ${result.status} ${result.message}`);
        }
      }),
    );
    return { perSecond: booked / ((performance.now() - started) / 1000), booked };
  };

  // Warm up (connections, code paths): every booker asks once for a session that does not exist.
  await Promise.all(tokens.slice(0, bookers).map((t) => performPersonAction(t, { intent: "book", sessionId: "00000000-0000-0000-0000-000000000000" })));

  // Statements (each a round trip) in one booking: postgres.js reports every query it sends to its `debug` hook.
  const client = (db as unknown as { $client: { options: { debug?: unknown } } }).$client;
  let statements = 0;
  const countedSession = await newSession(1);
  client.options.debug = () => statements++;
  const counted = await performPersonAction(tokens[0], { intent: "book", sessionId: countedSession });
  client.options.debug = undefined;
  if (!counted.ok) throw new Error(`the counted booking failed: ${counted.message}`);

  const one: number[] = [];
  const spread: number[] = [];
  let problems = 0;
  for (let r = 1; r <= rounds; r++) {
    const capacity = total - refused;
    const popular = await newSession(capacity);
    const oneRun = await run(() => popular);
    one.push(oneRun.perSecond);
    if (oneRun.booked !== capacity) problems++;

    const own: string[] = [];
    for (let b = 0; b < bookers; b++) own.push(await newSession(perBooker));
    const spreadRun = await run((b) => own[b]);
    spread.push(spreadRun.perSecond);
    if (spreadRun.booked !== total) problems++;
    console.log(
      `round ${r}/${rounds}: one session ${oneRun.perSecond.toFixed(0)} bookings/s (${oneRun.booked} of ${total} got a place of ${capacity}), ` +
        `${bookers} sessions ${spreadRun.perSecond.toFixed(0)} bookings/s — load average ${loadavg()[0].toFixed(2)}`,
    );
  }
  const [{ over }] = await queryRows<{ over: number }>(
    db,
    sql`select count(*)::int as over from sessions s where s.booked_count > s.capacity
          or s.booked_count <> (select count(*) from bookings b where b.session_id = s.id and b.status = 'booked')`,
  );
  console.log(
    `bench:booking one_session_per_s=${median(one).toFixed(0)} spread_per_s=${median(spread).toFixed(0)} ratio=${(median(one) / median(spread)).toFixed(3)} ` +
      `overbooked_or_miscounted=${Number(over) + problems} statements_per_booking=${statements} bookers=${bookers} load=${loadavg()[0].toFixed(2)}`,
  );
} finally {
  await closeDatabase();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end({ timeout: 5 });
}
