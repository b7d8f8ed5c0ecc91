/**
 * npm run bench:search — how fast search is at scale, against how fast the
 * same database answers a primary-key lookup.
 *
 * Creates a scratch database (a throw-away database on the PostgreSQL server
 * in DATABASE_URL, or an in-memory PGlite), loads 100,000 activities and about
 * a million sessions around the towns of Great Britain, then runs each query
 * shape 200 times from search centres drawn like the data (where people are)
 * with a primary-key lookup of one activity between searches.
 *
 *   npm run bench:search [-- --explain] [--activities N] [--iterations N] [--keep]
 *
 * --explain prints EXPLAIN ANALYZE for one query of each shape and the
 * indexes it used. The last line is the summary the issue asks for.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows, type DatabaseHandle } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { readGreatBritainTowns } from "../app/modules/places/index.server";
import { runSearch, searchStatement } from "../search/postgres";
import { unfilteredQuery, type SearchQuery } from "../search/types";
import { benchTowns, loadBenchData } from "./lib/bench-data";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const activitiesCount = option("activities", 100_000);
const iterations = option("iterations", 200);
const warmup = 20;
const explain = flag("explain");
const keep = flag("keep");
const reuse = args.includes("--reuse") ? args[args.indexOf("--reuse") + 1] : undefined;

// A small seeded generator, so every run searches the same places.
let seed = 20261121;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (n: number) => n.toFixed(2);

async function openScratch(): Promise<{ handle: DatabaseHandle; backend: "pg" | "pglite"; fresh: boolean; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const handle = await openDatabase({ dataDir: "memory://" });
    return { handle, backend: "pglite", fresh: true, drop: async () => handle.close() };
  }
  const url = new URL(server);
  const name = reuse ?? `lw_bench_${process.pid}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  if (!reuse) await admin.unsafe(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    handle,
    backend: "pg",
    fresh: !reuse,
    drop: async () => {
      await handle.close();
      if (!keep && !reuse) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      else console.log(`Kept database ${name}.`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Bulk loading is faster with the search indexes built afterwards (the usual way to load a big table). */
async function withIndexesBuiltAfter(handle: DatabaseHandle, load: () => Promise<void>) {
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    handle.db,
    sql`SELECT indexname, indexdef FROM pg_indexes
         WHERE tablename = 'activities' AND indexname IN ('activities_geo_idx', 'activities_search_idx', 'activities_next_session_idx')`,
  );
  for (const i of indexes) await handle.db.execute(sql.raw(`DROP INDEX ${i.indexname}`));
  await load();
  for (const i of indexes) await handle.db.execute(sql.raw(i.indexdef));
}

interface Shape {
  name: string;
  make: (centre: { lat: number; lng: number }, i: number) => Partial<SearchQuery>;
}

const words = ["walking", "yoga", "choir", "coffee morning", "gardening", "debt advice", "book club", "tai chi"];
const typos = ["walkng", "yogga", "choier", "gardning", "knittng", "pottry", "coffe morning", "ukelele", "yoa", "excersise", "tai chii"];
const categories = ["walking", "exercise", "arts-crafts", "befriending", "music", "gardening"];
const dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const shapes: Shape[] = [
  { name: "radius only", make: (c) => ({ location: { ...c, radiusKm: 5 } }) },
  { name: "radius + text", make: (c, i) => ({ location: { ...c, radiusKm: 5 }, text: words[i % words.length], sort: "relevance" }) },
  { name: "radius + typo text", make: (c, i) => ({ location: { ...c, radiusKm: 5 }, text: typos[i % typos.length], sort: "relevance" }) },
  {
    name: "radius + category + day + free",
    make: (c, i) => ({
      location: { ...c, radiusKm: 5 },
      categories: [categories[i % categories.length]],
      days: [dayKeys[i % 7]],
      free: true,
    }),
  },
  { name: "radius + has space", make: (c) => ({ location: { ...c, radiusKm: 5 }, hasSpace: true }) },
  { name: "radius + sort soonest", make: (c) => ({ location: { ...c, radiusKm: 5 }, sort: "soonest" }) },
];


const scratch = await openScratch();
const { handle, backend } = scratch;
const db = handle.db;
const now = new Date();
try {
  // A reused database gets pending migrations too, so a change's migration is measured on the same data.
  let t = Date.now();
  await migrateDatabase(handle);
  console.log(`Migrated (${backend}) in ${Date.now() - t} ms.`);
  if (scratch.fresh) {
    t = Date.now();
    await withIndexesBuiltAfter(handle, () =>
      loadBenchData(db, benchTowns(readGreatBritainTowns()), { activities: activitiesCount, sessionsPerActivity: 11 }, now),
    );
    await db.execute(sql`VACUUM ANALYZE`);
    console.log(`Loaded and indexed in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
  }
  const [counts] = await queryRows<{ a: number; s: number; p: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM activities) AS a, (SELECT count(*)::int FROM sessions) AS s,
               (SELECT count(*)::int FROM activities WHERE status = 'published') AS p`,
  );
  console.log(`${counts.a} activities (${counts.p} published), ${counts.s} sessions.`);

  // Search centres: where activities (and so people) are, a kilometre or so off.
  const places = await queryRows<{ lat: number; lng: number }>(
    db,
    sql`SELECT lat, lng FROM activities WHERE lat IS NOT NULL ORDER BY md5(id::text) LIMIT ${iterations + warmup}`,
  );
  const centres = places.map((p) => ({ lat: p.lat + gauss() * 0.01, lng: p.lng + gauss() * 0.015 }));
  const ids = (await queryRows<{ id: string }>(db, sql`SELECT id FROM activities ORDER BY md5(id::text) DESC LIMIT 500`)).map((r) => r.id);
  let pkIndex = 0;
  const lookup = () =>
    queryRows(
      db,
      sql`SELECT id, organisation_id, title, summary, description, category, cost_type, cost_pence, lat, lng, town, timezone, status
            FROM activities WHERE id = ${ids[pkIndex++ % ids.length]}`,
    );

  const all: number[] = [];
  const pk: number[] = [];
  const rows: string[][] = [];
  for (const shape of shapes) {
    const times: number[] = [];
    let results = 0;
    for (let i = 0; i < iterations + warmup; i++) {
      const query = unfilteredQuery(now, shape.make(centres[i % centres.length], i));
      const t0 = performance.now();
      const outcome = await runSearch(db, query);
      const ms = performance.now() - t0;
      const t1 = performance.now();
      await lookup();
      const pkMs = performance.now() - t1;
      if (i < warmup) continue;
      times.push(ms);
      all.push(ms);
      pk.push(pkMs);
      results += outcome.total;
    }
    times.sort((a, b) => a - b);
    rows.push([shape.name, (results / iterations).toFixed(0), fmt(percentile(times, 50)), fmt(percentile(times, 95)), fmt(times[times.length - 1])]);
  }
  all.sort((a, b) => a - b);
  pk.sort((a, b) => a - b);
  rows.push(["primary-key lookup", "1", fmt(percentile(pk, 50)), fmt(percentile(pk, 95)), fmt(pk[pk.length - 1])]);

  const header = ["shape", "avg total", "p50 ms", "p95 ms", "max ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log();

  if (explain) {
    // The densest place in the data (central London: a few thousand activities within 5 km) is the hard case.
    const dense = { lat: 51.5074, lng: -0.1278 };
    for (const shape of shapes) {
      const query = unfilteredQuery(now, shape.make(dense, 0));
      const plan = await queryRows<Record<string, string>>(db, sql`EXPLAIN (ANALYZE, COSTS OFF) ${searchStatement(query)}`);
      const text = plan.map((r) => Object.values(r)[0]).join("\n");
      const used = [...new Set([...text.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:Backward )?(?:using |on )(\w+)/g)].map((m) => m[1]))];
      const seq = [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))];
      console.log(`── EXPLAIN: ${shape.name}`);
      console.log(text);
      console.log(`   indexes used: ${used.join(", ") || "none"}; sequential scans: ${seq.join(", ") || "none"}\n`);
    }
    // lw_respell's lookup runs inside the function, out of sight of the plans above.
    const spelling = await queryRows<Record<string, string>>(
      db,
      sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT k.word FROM (
             SELECT w.word, w.word <-> 'excersise' AS apart FROM search_words w
              WHERE left(w.word, 1) = 'e' AND abs(length(w.word) - 9) <= 2 ORDER BY w.word <-> 'excersise' LIMIT 64) k
           WHERE levenshtein_less_equal(k.word, 'excersise', 2) <= 2
           ORDER BY levenshtein_less_equal(k.word, 'excersise', 2), k.apart, k.word LIMIT 1`,
    );
    console.log("── EXPLAIN: respelling an unknown word (inside lw_respell)");
    console.log(spelling.map((r) => Object.values(r)[0]).join("\n") + "\n");
  }

  const p50 = percentile(all, 50);
  const p95 = percentile(all, 95);
  const pk95 = percentile(pk, 95);
  console.log(
    `bench:search backend=${backend} n=${activitiesCount} p50_ms=${fmt(p50)} p95_ms=${fmt(p95)} pk_p95_ms=${fmt(pk95)} ratio_p95=${fmt(p95 / pk95)}`,
  );
} finally {
  await scratch.drop();
}
