/**
 * Synthetic data for `npm run bench:search`: activities clustered around the
 * towns of Great Britain by population (where people, and so activities and
 * searches, are), each with about ten weekly sessions. Generated in SQL with
 * generate_series so 100,000 activities and a million sessions load in
 * seconds; setseed() makes every run draw the same data.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import type { Town } from "../../app/modules/places/index.server";

export interface BenchSize {
  activities: number;
  sessionsPerActivity: number;
}

/** Towns big enough to host activities, in Great Britain only (Northern Ireland lies west of 5.4°W below 55.3°N). */
export function benchTowns(towns: Town[]): Town[] {
  return towns.filter((t) => t.population >= 5000 && !(t.lng < -5.4 && t.lat < 55.35 && t.lat > 54));
}

const stems: Record<string, string[]> = {
  walking: ["Walking for Health", "Nordic Walking", "Health Walk", "Buggy Walk", "Canal Walk", "Heritage Walk"],
  gardening: ["Community Garden", "Allotment Club", "Green Gym", "Conservation Volunteers", "Growing Together"],
  "arts-crafts": ["Knit and Natter", "Pottery Class", "Watercolour Painting", "Sewing Circle", "Craft Cafe"],
  exercise: ["Chair Yoga", "Gentle Yoga", "Tai Chi", "Seated Exercise", "Pilates for Beginners", "Aqua Fit"],
  "book-clubs": ["Book Club", "Shared Reading", "Writing Circle", "Poetry Group"],
  cooking: ["Cook and Eat", "Lunch Club", "Budget Cooking", "Community Kitchen"],
  music: ["Community Choir", "Ukulele Club", "Singing for the Brain", "Drumming Circle"],
  volunteering: ["Food Bank Volunteers", "Charity Shop Volunteers", "Park Friends", "Repair Cafe"],
  "peer-support": ["Carers Support Group", "Men's Shed", "Bereavement Cafe", "Long COVID Support"],
  befriending: ["Coffee Morning", "Chatty Cafe", "Befriending Service", "Friendship Group"],
  "digital-skills": ["Digital Drop-in", "Tablet Help", "Get Online Club", "Smartphone Basics"],
  advice: ["Debt Advice", "Benefits Advice", "Job Club", "Money Matters"],
};

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: string[]) => `ARRAY[${items.map(sqlText).join(",")}]::text[]`;

/** Loads organisations, activities and sessions into a migrated, empty database. */
export async function loadBenchData(db: Db, towns: Town[], size: BenchSize, now: Date): Promise<void> {
  const categories = Object.keys(stems);
  const allStems = categories.flatMap((c) => stems[c].map((s) => ({ c, s })));
  // Each town gets slots in proportion to its population (at least one), so a
  // uniform draw over slots is a population-weighted draw over towns.
  const slotsTotal = 20_000;
  const totalPopulation = towns.reduce((n, t) => n + t.population, 0);
  const townRows = towns.map((t, i) => ({ i, ...t, slots: Math.max(1, Math.round((t.population / totalPopulation) * slotsTotal)) }));

  await db.execute(sql`SELECT setseed(0.4242)`);
  await db.execute(sql.raw(`CREATE TEMP TABLE bench_towns (i int PRIMARY KEY, name text, lat float8, lng float8, pop int, slot_from int, slot_to int)`));
  let slot = 0;
  for (let i = 0; i < townRows.length; i += 500) {
    const values = townRows.slice(i, i + 500).map((t) => {
      const row = `(${t.i}, ${sqlText(t.name)}, ${t.lat}, ${t.lng}, ${t.population}, ${slot}, ${slot + t.slots})`;
      slot += t.slots;
      return row;
    });
    await db.execute(sql.raw(`INSERT INTO bench_towns VALUES ${values.join(",")}`));
  }
  await db.execute(sql.raw(`CREATE TEMP TABLE bench_slots AS SELECT s AS slot, i AS town FROM bench_towns, generate_series(slot_from, slot_to - 1) s`));
  await db.execute(sql.raw(`CREATE INDEX ON bench_slots (slot)`));
  await db.execute(sql.raw(`CREATE TEMP TABLE bench_stems AS SELECT ord - 1 AS i, c, s FROM unnest(${sqlArray(allStems.map((x) => x.c))}, ${sqlArray(allStems.map((x) => x.s))}) WITH ORDINALITY AS t(c, s, ord)`));

  const orgs = Math.max(10, Math.round(size.activities / 50));
  await db.execute(
    sql.raw(`INSERT INTO organisations (id, kind, name, town)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'provider', 'Bench Community Group ' || g, NULL
      FROM generate_series(1, ${orgs}) g`),
  );

  // One row of random draws per activity, then the activity built from them.
  await db.execute(
    sql.raw(`
    INSERT INTO activities (id, organisation_id, status, title, summary, description, category, tags,
      cost_type, cost_pence, accessibility, self_referral, drop_in, capacity, online, venue_name, address, town, postcode,
      lat, lng, timezone, published_at)
    SELECT
      ('10000000-0000-4000-8000-' || lpad(to_hex(r.g), 12, '0'))::uuid,
      ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (r.g % ${orgs})), 12, '0'))::uuid,
      CASE WHEN r.u_status < 0.95 THEN 'published' WHEN r.u_status < 0.98 THEN 'draft' ELSE 'archived' END,
      st.s || CASE WHEN r.online THEN ' Online' ELSE ' ' || t.name END,
      'A friendly ' || lower(st.s) || ' group for adults of all ages. Newcomers are always welcome.',
      'We meet every week. ' || st.s || ' is a relaxed way to meet people, keep well and try something new. '
        || 'Volunteers are on hand to help, and there is tea afterwards.',
      st.c,
      ARRAY[lower(st.s), st.c],
      CASE WHEN r.u_cost < 0.5 THEN 'free' WHEN r.u_cost < 0.8 THEN 'paid' ELSE 'pay_what_you_can' END,
      CASE WHEN r.u_cost >= 0.5 AND r.u_cost < 0.8 THEN 300 + (r.g % 5) * 100 END,
      array_remove(ARRAY[
        CASE WHEN r.u_a1 < 0.6 THEN 'step_free' END,
        CASE WHEN r.u_a2 < 0.4 THEN 'accessible_toilet' END,
        CASE WHEN r.u_a3 < 0.15 THEN 'hearing_loop' END,
        CASE WHEN r.u_a4 < 0.5 THEN 'seating' END,
        CASE WHEN r.u_a5 < 0.3 THEN 'parking' END], NULL),
      r.u_join < 0.5, r.u_join > 0.75,
      8 + (r.g % 10),
      r.online,
      CASE WHEN NOT r.online THEN 'Community Centre ' || r.g END,
      CASE WHEN NOT r.online THEN r.g || ' High Street' END,
      CASE WHEN NOT r.online THEN t.name END,
      NULL,
      CASE WHEN NOT r.online THEN t.lat + r.gauss_lat * (0.01 + least(t.pop, 1000000) / 1000000.0 * 0.08) END,
      CASE WHEN NOT r.online THEN t.lng + r.gauss_lng * (0.016 + least(t.pop, 1000000) / 1000000.0 * 0.13) END,
      'Europe/London',
      now()
    FROM (
      SELECT g,
        floor(random() * ${slot})::int AS slot,
        floor(random() * ${allStems.length})::int AS stem,
        random() AS u_status, random() AS u_cost, random() AS u_join,
        random() AS u_a1, random() AS u_a2, random() AS u_a3, random() AS u_a4, random() AS u_a5,
        random() < 0.03 AS online,
        sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS gauss_lat,
        sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS gauss_lng
      FROM generate_series(1, ${size.activities}) g
    ) r
    JOIN bench_slots sl ON sl.slot = r.slot
    JOIN bench_towns t ON t.i = sl.town
    JOIN bench_stems st ON st.i = r.stem`),
  );

  // Weekly sessions on one weekday at one of a few usual times, starting a
  // week in the past so some have already happened; some are full, a few cancelled.
  const weekStart = new Date(now.getTime() - 7 * 86400_000).toISOString();
  await db.execute(
    sql.raw(`
    INSERT INTO sessions (activity_id, starts_at, ends_at, capacity, booked_count, status)
    SELECT a.id,
      s.local_start AT TIME ZONE 'Europe/London',
      (s.local_start + interval '90 minutes') AT TIME ZONE 'Europe/London',
      a.capacity,
      CASE WHEN random() < 0.25 THEN a.capacity ELSE floor(random() * a.capacity)::int END,
      CASE WHEN random() < 0.03 THEN 'cancelled' ELSE 'scheduled' END
    FROM (SELECT id, capacity, ('x' || substr(md5(id::text), 1, 4))::bit(16)::int AS h FROM activities WHERE status <> 'archived') a
    CROSS JOIN LATERAL (
      SELECT date_trunc('day', '${weekStart}'::timestamptz AT TIME ZONE 'Europe/London')
        + ((a.h % 7) || ' days')::interval
        + ((ARRAY[10, 11, 13, 14, 18, 19])[1 + (a.h / 7) % 6] || ' hours')::interval
        + (w || ' weeks')::interval AS local_start
      FROM generate_series(0, ${size.sessionsPerActivity - 1}) w
    ) s`),
  );
  await db.execute(sql.raw(`DROP TABLE bench_slots`));
  await db.execute(sql.raw(`DROP TABLE bench_stems`));
}

export async function countRows(db: Db, table: "activities" | "sessions"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return row.n;
}
