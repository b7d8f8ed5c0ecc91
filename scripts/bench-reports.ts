/**
 * npm run bench:reports — how long the area dashboard's queries and the gap
 * map take at scale, on PostgreSQL.
 *
 * Creates a scratch database (linkway_bench_reports, on the server
 * DATABASE_URL names; default postgres://postgres@127.0.0.1:5432/postgres),
 * fills it with set-based SQL — 400 activities in four cities with a session
 * a week for 70 weeks, 100,000 referrals with their status events, 1,000,000
 * bookings with register marks, 200,000 search-log rows — then times the
 * module's own verbs (areaDashboard, gapMap) over the last 12 months, the
 * widest preset, and drops the database.
 *
 *   npm run bench:reports [-- --runs 10] [-- --keep]
 *
 * The last line is the result: p95 against the targets (area ≤ 300 ms, gap map ≤ 500 ms).
 */
import { sql } from "drizzle-orm";
import { loadavg } from "node:os";
import postgres from "postgres";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option("runs", 10);
// --keep leaves the scratch database in place so its queries can be examined (EXPLAIN ANALYZE) afterwards.
const keep = args.includes("--keep");
const REFERRALS = option("referrals", 100_000);
const SEARCHES = option("searches", 200_000);
const ACTIVITIES = 400;
const WEEKS = 70;
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const name = "linkway_bench_reports";
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
// The app's modules open the database from the environment: point them at the scratch one.
process.env.DATABASE_URL = url.toString();

const { getDatabase, closeDatabase } = await import("../db/client");
const { migrateDatabase } = await import("../db/migrate");
const { areaDashboard, gapMap, refreshReportFacts, refreshReferralDays, refreshSearchDays } = await import("../app/modules/reports/index.server");

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

try {
  const handle = await getDatabase();
  await migrateDatabase(handle);
  const db = handle.db;
  const loadStarted = performance.now();
  await db.execute(sql`SELECT setseed(0.42)`);
  await db.execute(sql`INSERT INTO organisations (kind, name) SELECT 'provider', 'Bench provider ' || g FROM generate_series(1, 40) g`);
  await db.execute(sql`INSERT INTO organisations (kind, name) SELECT 'referrer', 'Bench referrer ' || g FROM generate_series(1, 30) g`);
  // Four cities; each activity within ~10 km of its city's centre.
  await db.execute(sql`
    WITH city(n, town, lat, lng) AS (VALUES (0, 'Leeds', 53.80, -1.55), (1, 'Bristol', 51.45, -2.59), (2, 'Manchester', 53.48, -2.24), (3, 'Norwich', 52.63, 1.30)),
      cats AS (SELECT array_agg(slug ORDER BY slug) AS slugs FROM categories),
      providers AS (SELECT array_agg(id ORDER BY name) AS ids FROM organisations WHERE kind = 'provider')
    INSERT INTO activities (organisation_id, title, summary, description, category, status, venue_name, address, town, postcode, lat, lng, contact_email)
    SELECT providers.ids[1 + g % 40], 'Bench activity ' || g, 'A bench activity', 'For the benchmark.', cats.slugs[1 + g % array_length(cats.slugs, 1)], 'published',
      'Hall', '1 High Street', city.town, 'LS1 1AA', city.lat + (random() - 0.5) * 0.18, city.lng + (random() - 0.5) * 0.3, 'bench@example.test'
    FROM generate_series(0, ${ACTIVITIES - 1}) g JOIN city ON city.n = g % 4 CROSS JOIN cats CROSS JOIN providers`);
  // A session a week for 70 weeks, the last 10 still to come.
  await db.execute(sql`
    INSERT INTO sessions (activity_id, starts_at, ends_at, capacity)
    SELECT a.id, date_trunc('day', now()) - interval '60 weeks' + w * interval '1 week' + interval '10 hours',
      date_trunc('day', now()) - interval '60 weeks' + w * interval '1 week' + interval '11 hours 30 minutes', 40
    FROM activities a CROSS JOIN generate_series(0, ${WEEKS - 1}) w`);
  // Referrals made over weeks 0–56 (60 to 4 weeks ago): 80% booked on, the rest declined (a third of them full), sent or withdrawn.
  await db.execute(sql`
    WITH acts AS (SELECT array_agg(id ORDER BY title) AS ids FROM activities),
      refs AS (SELECT array_agg(id ORDER BY name) AS ids FROM organisations WHERE kind = 'referrer')
    INSERT INTO referrals (code, activity_id, referrer_organisation_id, source, person_first_name, person_last_name, consent_at, status, status_changed_at,
      decline_reason_kind, reasons, created_at, link_expires_at)
    SELECT 'B' || lpad(i::text, 6, '0'), acts.ids[1 + i % ${ACTIVITIES}], CASE WHEN i % 7 = 0 THEN NULL ELSE refs.ids[1 + i % 30] END,
      CASE WHEN i % 7 = 0 THEN 'self' ELSE 'referrer' END, 'Bench', 'Person', t.created,
      (CASE WHEN i % 10 < 4 THEN 'attending' WHEN i % 10 < 6 THEN 'completed' WHEN i % 10 = 6 THEN 'disengaged' WHEN i % 10 = 7 THEN 'booked'
        WHEN i % 10 = 8 THEN 'declined' ELSE (CASE WHEN i % 3 = 0 THEN 'sent' ELSE 'withdrawn' END) END),
      t.created + interval '3 days',
      CASE WHEN i % 10 = 8 THEN (CASE WHEN i % 3 = 0 THEN 'full' ELSE 'not_suitable' END) END,
      ARRAY[(ARRAY['loneliness', 'low_mood', 'anxiety', 'physical_activity'])[1 + i % 4]],
      t.created, t.created + interval '60 days'
    FROM generate_series(0, ${REFERRALS - 1}) i
    CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - interval '60 weeks' + ((i * 7919) % (57 * 7)) * interval '1 day' AS created) t
    CROSS JOIN acts CROSS JOIN refs`);
  await db.execute(sql`
    INSERT INTO referral_events (referral_id, at, kind, from_status, to_status, actor_type)
    SELECT r.id, r.created_at + (s.n - 1) * interval '1 day', 'status', lag(s.st) OVER (PARTITION BY r.id ORDER BY s.n), s.st, 'system'
    FROM referrals r CROSS JOIN LATERAL unnest(CASE r.status
      WHEN 'attending' THEN ARRAY['sent', 'accepted', 'booked', 'attending'] WHEN 'completed' THEN ARRAY['sent', 'accepted', 'booked', 'attending', 'completed']
      WHEN 'disengaged' THEN ARRAY['sent', 'accepted', 'booked', 'disengaged'] WHEN 'booked' THEN ARRAY['sent', 'accepted', 'booked']
      WHEN 'declined' THEN ARRAY['sent', 'declined'] WHEN 'withdrawn' THEN ARRAY['sent', 'withdrawn'] ELSE ARRAY['sent'] END) WITH ORDINALITY AS s(st, n)`);
  // 80,000 booked referrals × 12.5 sessions each = 1,000,000 bookings, on the weeks after each was made.
  await db.execute(sql`
    WITH numbered AS (SELECT id, activity_id, row_number() OVER (PARTITION BY activity_id ORDER BY starts_at) - 1 AS w, starts_at FROM sessions)
    INSERT INTO bookings (referral_id, session_id, status, attendance, marked_at)
    SELECT r.id, s.id, 'booked',
      CASE WHEN s.starts_at > now() THEN 'unmarked' WHEN (hashtext(r.code) + k) % 5 = 0 THEN 'no_show' ELSE 'attended' END,
      CASE WHEN s.starts_at > now() THEN NULL ELSE s.starts_at + interval '2 hours' END
    FROM referrals r
    CROSS JOIN LATERAL generate_series(1, 12 + (substr(r.code, 2)::int % 2)) k
    JOIN numbered s ON s.activity_id = r.activity_id
      AND s.w = floor(extract(epoch FROM r.created_at - (date_trunc('day', now()) - interval '60 weeks')) / 604800)::int + k
    WHERE r.status IN ('attending', 'completed', 'disengaged', 'booked')`);
  await db.execute(sql`UPDATE sessions s SET booked_count = b.n FROM (SELECT session_id, count(*)::int AS n FROM bookings WHERE status = 'booked' GROUP BY 1) b WHERE b.session_id = s.id`);
  await db.execute(sql`
    WITH city(n, lat, lng) AS (VALUES (0, 53.80, -1.55), (1, 51.45, -2.59), (2, 53.48, -2.24), (3, 52.63, 1.30)),
      cats AS (SELECT array_agg(slug ORDER BY slug) AS slugs FROM categories)
    INSERT INTO search_log (at, query, categories, lat, lng, result_count)
    SELECT now() - random() * interval '365 days', NULL,
      CASE WHEN g % 5 = 0 THEN NULL ELSE ARRAY[cats.slugs[1 + (g / 5) % array_length(cats.slugs, 1)]] END,
      round((city.lat + (random() - 0.5) * 0.4)::numeric, 2), round((city.lng + (random() - 0.5) * 0.6)::numeric, 2), floor(random() * 8)::int
    FROM generate_series(0, ${SEARCHES - 1}) g JOIN city ON city.n = g % 4 CROSS JOIN cats`);
  await db.execute(sql`ANALYZE`);
  const counts = (await db.execute(sql`SELECT (SELECT count(*) FROM referrals)::int AS r, (SELECT count(*) FROM bookings)::int AS b, (SELECT count(*) FROM search_log)::int AS s`)) as unknown as { r: number; b: number; s: number }[];
  const { r, b, s } = counts[0];
  console.log(`loaded ${r} referrals, ${b} bookings, ${s} searches in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);

  // What the worker does every few minutes; its first run over everything is the slowest.
  const factsStarted = performance.now();
  await refreshReportFacts();
  const factsMs = performance.now() - factsStarted;
  console.log(`report facts written for every referral in ${(factsMs / 1000).toFixed(1)} s`);
  // The same job then adds the area's figures up per day (its first run, too, is over everything).
  const daysStarted = performance.now();
  await refreshReferralDays();
  await refreshSearchDays();
  const daysMs = performance.now() - daysStarted;
  console.log(`area figures and the search log added up per day in ${(daysMs / 1000).toFixed(1)} s`);

  const viewer = { id: "00000000-0000-0000-0000-000000000000", isAdmin: true, isCommissioner: false };
  const query = { period: "year" as const };
  const time = async (f: () => Promise<unknown>) => {
    const started = performance.now();
    await f();
    return performance.now() - started;
  };
  // One warm-up each (connections, plans, the town list for place names).
  await areaDashboard(viewer, query, new Date());
  await gapMap(viewer, query, new Date());
  const area: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < runs; i++) {
    area.push(await time(() => areaDashboard(viewer, query, new Date())));
    gaps.push(await time(() => gapMap(viewer, query, new Date())));
  }
  const a = p95(area);
  const g = p95(gaps);
  console.log(
    `bench:reports area_p95_ms=${a.toFixed(0)} (target 300: ${a <= 300 ? "met" : "missed"}) gap_map_p95_ms=${g.toFixed(0)} (target 500: ${g <= 500 ? "met" : "missed"}) ` +
      `facts_refresh_s=${(factsMs / 1000).toFixed(1)} days_refresh_s=${(daysMs / 1000).toFixed(1)} runs=${runs} referrals=${r} bookings=${b} searches=${s} period=12_months load=${loadavg()[0].toFixed(2)}`,
  );
} finally {
  await closeDatabase();
  if (!keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end({ timeout: 5 });
}
