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
const schema = await import("../db/schema");
const { newToken } = await import("../app/modules/accounts/index.server");
const { performPersonAction } = await import("../app/modules/referrals/index.server");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const handle = await getDatabase();
  await migrateDatabase(handle);
  const db = handle.db;

  const [org] = await db.insert(schema.organisations).values({ kind: "provider", name: "Bench Walking Group" }).returning();
  const [activity] = await db
    .insert(schema.activities)
    .values({
      organisationId: org.id,
      title: "Popular Walk",
      summary: "Everyone wants to come",
      description: "Meet at the gate.",
      category: "walking",
      status: "published",
      venueName: "Park Gate",
      address: "1 Park Road",
      town: "Leeds",
      postcode: "LS6 3AB",
      lat: 53.8198,
      lng: -1.5781,
      contactEmail: "walks@example.test",
    })
    .returning();

  // One accepted referral (and private link) per booking in a round; each round books new sessions.
  const total = bookers * perBooker;
  const tokens: string[] = [];
  const now = new Date();
  for (let start = 0; start < total; start += 500) {
    const batch = Array.from({ length: Math.min(500, total - start) }, (_, i) => start + i);
    const rows = await db
      .insert(schema.referrals)
      .values(
        batch.map((i) => ({
          activityId: activity.id,
          code: `B${String(i).padStart(2, "0").slice(0, 2)}-${String(100000 + i).slice(-4)}`,
          source: "self" as const,
          personFirstName: "Bench",
          personLastName: `Person ${i}`,
          personEmail: `bench${i}@example.test`,
          consentAt: now,
          status: "accepted" as const,
          linkExpiresAt: new Date(now.getTime() + 60 * 86_400_000),
        })),
      )
      .returning({ id: schema.referrals.id });
    const links = rows.map((r) => ({ ...newToken(), referralId: r.id }));
    await db.insert(schema.oneTimeTokens).values(
      links.map((l) => ({ id: l.id, purpose: "person_link" as const, secretHash: l.secretHash, subjectId: l.referralId, expiresAt: new Date(now.getTime() + 60 * 86_400_000) })),
    );
    tokens.push(...links.map((l) => l.token));
  }

  let day = 2;
  const newSession = async (capacity: number) => {
    const startsAt = new Date(now.getTime() + day++ * 86_400_000);
    const [row] = await db
      .insert(schema.sessions)
      .values({ activityId: activity.id, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), capacity })
      .returning();
    return row.id;
  };

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
      `overbooked_or_miscounted=${Number(over) + problems} bookers=${bookers} load=${loadavg()[0].toFixed(2)}`,
  );
} finally {
  await closeDatabase();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end({ timeout: 5 });
}
