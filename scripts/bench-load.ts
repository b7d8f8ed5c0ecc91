/**
 * npm run bench:load — a mixed, bounded workload on loopback against one web
 * process, then two, at rising concurrency.
 *
 * On a scratch PostgreSQL database (DATABASE_URL names the server; default
 * postgres://postgres@127.0.0.1:5432/postgres) it starts two built web
 * processes as `npm start` would (demo data, no worker), then at each
 * concurrency sends the same number of requests, mixed like a working day:
 * searches, activity pages, bookings from people's private links, register
 * marks by a signed-in organiser, and sign-ins. Each level runs against one
 * process, then against both in turn (what a load balancer does).
 *
 *   npm run bench:load [-- --levels 2,4,8,16,32] [--requests 300]
 *
 * Progress goes to stderr; the last line (stdout) is the result: for each
 * process count the highest concurrency with no errors and page views' p95
 * under 300 ms, throughput and p95 by kind there, errors, the throughput
 * ratio of two processes to one at that concurrency, and the load average
 * (the machine may be shared: read figures beside it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import postgres from "postgres";
import { buildIfNeeded } from "./lib/build";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const levels = option("levels", "2,4,8,16,32").split(",").map(Number);
const requestsPerLevel = Number(option("requests", "300"));
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const PAGE_P95_TARGET_MS = 300;
const log = (line: string) => process.stderr.write(`${line}\n`);

type Kind = "search" | "activity" | "book" | "mark" | "signin";
const kinds: Kind[] = ["search", "activity", "book", "mark", "signin"];
const pageKinds: Kind[] = ["search", "activity"];
/** Out of 100 requests: mostly people looking, some booking, organisers marking, a few signing in. */
const mix: Record<Kind, number> = { search: 40, activity: 35, book: 10, mark: 10, signin: 5 };

const name = `lw_load_${process.pid}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
const url = new URL(server);
url.pathname = `/${name}`;
const children: ChildProcess[] = [];

async function startWeb(port: number, seed: boolean): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url.toString(), PORT: String(port), RUN_WORKER: "false", SEED_DEMO: String(seed), LOG_LEVEL: "warn", MEILI_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The web process on ${port} stopped while starting (exit ${child.exitCode}).`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The web process on ${port} did not answer /healthz in time.`);
}

async function stopAll() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          try {
            process.kill(-child.pid!, "SIGTERM");
          } catch {
            child.kill("SIGTERM");
          }
        }),
    ),
  );
}

const p95 = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};

interface LevelResult {
  processes: number;
  concurrency: number;
  rps: number;
  p95: Record<Kind, number>;
  pageP95: number;
  errors: number;
  load: number;
}

async function main() {
  await buildIfNeeded();
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const basePort = 3500 + (process.pid % 200) * 2;
  // The first seeds the demo; the second starts on the seeded database.
  const siteA = await startWeb(basePort, true);
  const siteB = await startWeb(basePort + 1, false);
  log(`Two web processes answer on ${siteA} and ${siteB} (demo data, PostgreSQL database ${name}).`);

  // The workload's own rows, written through the app's modules on the same database.
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDatabase } = await import("../db/client");
  const schema = await import("../db/schema");
  const { sql, eq } = await import("drizzle-orm");
  const { hashPassword, newToken } = await import("../app/modules/accounts/index.server");
  const { performPersonAction } = await import("../app/modules/referrals/index.server");
  const db = await getDb();
  try {
    const password = "bench load password 1";
    const [org] = await db.insert(schema.organisations).values({ kind: "provider", name: "Bench Walking Group" }).returning();
    const [organiser] = await db
      .insert(schema.users)
      .values({ email: "bench-organiser@example.test", name: "Bench Organiser", passwordHash: await hashPassword(password), emailVerifiedAt: new Date() })
      .returning();
    await db.insert(schema.memberships).values({ organisationId: org!.id, userId: organiser!.id, role: "owner" });
    const [activity] = await db
      .insert(schema.activities)
      .values({
        organisationId: org!.id, title: "Busy Walk", summary: "Room for everyone", description: "Meet at the gate.", category: "walking", status: "published",
        venueName: "Park Gate", address: "1 Park Road", town: "Leeds", postcode: "LS6 3AB", lat: 53.8198, lng: -1.5781, contactEmail: "walks@example.test",
      })
      .returning();
    const now = new Date();
    const session = async (startsAt: Date, capacity: number) =>
      (await db.insert(schema.sessions).values({ activityId: activity!.id, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), capacity }).returning())[0]!.id;
    // People book different sessions, as they would across a directory (bench:booking races for one session).
    const bookable: string[] = [];
    for (let d = 0; d < 20; d++) bookable.push(await session(new Date(now.getTime() + (3 + d) * 86_400_000), 100_000));

    // One private link per booking the run will make, plus twenty people already booked on a session that has now begun (its register).
    const bookings = Math.ceil((levels.length * 2 * requestsPerLevel * mix.book) / 100) + 50;
    const registerSize = 20;
    const tokens: string[] = [];
    for (let start = 0; start < bookings + registerSize; start += 500) {
      const count = Math.min(500, bookings + registerSize - start);
      const rows = await db
        .insert(schema.referrals)
        .values(
          Array.from({ length: count }, (_, k) => ({
            activityId: activity!.id, code: `L${String(start + k).padStart(6, "0")}`, source: "self" as const, personFirstName: "Bench", personLastName: `Person ${start + k}`,
            personEmail: `load${start + k}@example.test`, consentAt: now, status: "accepted" as const, linkExpiresAt: new Date(now.getTime() + 30 * 86_400_000),
          })),
        )
        .returning({ id: schema.referrals.id });
      const links = rows.map((r) => ({ ...newToken(), referralId: r.id }));
      await db.insert(schema.oneTimeTokens).values(
        links.map((l) => ({ id: l.id, purpose: "person_link" as const, secretHash: l.secretHash, subjectId: l.referralId, expiresAt: new Date(now.getTime() + 30 * 86_400_000) })),
      );
      tokens.push(...links.map((l) => l.token));
    }
    const registerSession = await session(new Date(now.getTime() + 2 * 86_400_000), registerSize);
    for (const token of tokens.splice(0, registerSize)) {
      const done = await performPersonAction(token, { intent: "book", sessionId: registerSession });
      if (!done.ok) throw new Error(`could not book the register's people: ${done.message}`);
    }
    // The session began an hour ago: its register is open.
    await db.update(schema.sessions).set({ startsAt: new Date(now.getTime() - 3_600_000), endsAt: new Date(now.getTime() - 1_800_000) }).where(eq(schema.sessions.id, registerSession));
    const marked = (await db.select({ id: schema.bookings.id }).from(schema.bookings).where(eq(schema.bookings.sessionId, registerSession))).map((b) => b.id);
    const activityIds = ((await db.execute(sql`select id from activities where status = 'published' order by title limit 40`)) as unknown as { id: string }[]).map((r) => r.id);
    const searches = ["q=walk&near=Leeds", "near=Leeds", "q=yoga&near=Leeds", "q=choir", "q=coffee+morning&near=Leeds&radius_km=10", "category=walking&near=Leeds"];

    const form = (site: string, path: string, body: Record<string, string>, cookie?: string) =>
      fetch(`${site}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: site, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
        body: new URLSearchParams(body),
      });
    const signIn = async (site: string) => form(site, "/login", { email: organiser!.email, password });
    const first = await signIn(siteA);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    if (first.status !== 302 || !cookie) throw new Error(`The organiser could not sign in (${first.status}).`);

    let nextToken = 0;
    let nextMark = 0;
    const request = async (kind: Kind, site: string, i: number): Promise<boolean> => {
      let res: Response;
      if (kind === "search") res = await fetch(`${site}/search?${searches[i % searches.length]}`);
      else if (kind === "activity") res = await fetch(`${site}/activities/${activityIds[i % activityIds.length]}`);
      else if (kind === "book") {
        const n = nextToken++;
        res = await form(site, `/r/${tokens[n]}`, { intent: "book", sessionId: bookable[n % bookable.length]! });
      }
      else if (kind === "mark") {
        const n = nextMark++;
        res = await form(site, `/sessions/${registerSession}/register/save`, { intent: "mark", bookingId: marked[n % marked.length]!, attendance: n % 2 ? "no_show" : "attended" }, cookie);
      } else res = await signIn(site);
      await res.arrayBuffer();
      return kind === "signin" ? res.status === 302 : res.status === 200;
    };

    // The same sequence of kinds at every level, spread evenly (weighted round robin) so each stretch has the whole mix.
    const weighted: Kind[] = [];
    const given: Record<Kind, number> = { search: 0, activity: 0, book: 0, mark: 0, signin: 0 };
    for (let i = 1; i <= requestsPerLevel; i++) {
      const kind = kinds.reduce((best, k) => (mix[k] * i / 100 - given[k] > mix[best] * i / 100 - given[best] ? k : best));
      given[kind]++;
      weighted.push(kind);
    }

    const runLevel = async (sites: string[], concurrency: number): Promise<LevelResult> => {
      const latencies: Record<Kind, number[]> = { search: [], activity: [], book: [], mark: [], signin: [] };
      let errors = 0;
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < weighted.length) {
            const i = next++;
            const kind = weighted[i]!;
            const t = performance.now();
            const ok = await request(kind, sites[i % sites.length]!, i).catch(() => false);
            latencies[kind].push(performance.now() - t);
            if (!ok) errors++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const byKind = Object.fromEntries(kinds.map((k) => [k, p95(latencies[k])])) as Record<Kind, number>;
      return {
        processes: sites.length, concurrency, rps: weighted.length / seconds, p95: byKind,
        pageP95: p95(pageKinds.flatMap((k) => latencies[k])), errors, load: loadavg()[0]!,
      };
    };
    const describe = (r: LevelResult) =>
      `procs=${r.processes} c=${r.concurrency} rps=${r.rps.toFixed(1)} page_p95=${r.pageP95.toFixed(0)}ms ` +
      kinds.map((k) => `${k}_p95=${r.p95[k].toFixed(0)}`).join(" ") + ` errors=${r.errors} load=${r.load.toFixed(2)}`;

    // Warm both processes up (code paths, pools) before anything is timed.
    await runLevel([siteA, siteB], 4);
    const results: LevelResult[] = [];
    for (const sites of [[siteA], [siteA, siteB]]) {
      for (const c of levels) {
        const r = await runLevel(sites, c);
        results.push(r);
        log(describe(r));
      }
    }

    const sustained = (procs: number) =>
      results.filter((r) => r.processes === procs && r.errors === 0 && r.pageP95 < PAGE_P95_TARGET_MS).at(-1);
    const one = sustained(1);
    const at = one?.concurrency ?? levels[0]!;
    const oneAt = results.find((r) => r.processes === 1 && r.concurrency === at)!;
    const twoAt = results.find((r) => r.processes === 2 && r.concurrency === at)!;
    const peak = (procs: number) => Math.max(...results.filter((r) => r.processes === procs).map((r) => r.rps));
    const errors = results.reduce((n, r) => n + r.errors, 0);
    const [overbooked] = (await db.execute(sql`select count(*)::int as n from sessions where booked_count > capacity`)) as unknown as { n: number }[];
    console.log(
      `bench:load c_sustained_1proc=${one ? one.concurrency : "none"} c_sustained_2proc=${sustained(2)?.concurrency ?? "none"} ` +
        `at_c=${at}: rps_1proc=${oneAt.rps.toFixed(1)} rps_2proc=${twoAt.rps.toFixed(1)} ratio_2to1=${(twoAt.rps / oneAt.rps).toFixed(2)} ` +
        `p95_ms_1proc{${kinds.map((k) => `${k}=${oneAt.p95[k].toFixed(0)}`).join(",")}} page_p95_1proc=${oneAt.pageP95.toFixed(0)} page_p95_2proc=${twoAt.pageP95.toFixed(0)} ` +
        `peak_rps_1proc=${peak(1).toFixed(1)} peak_rps_2proc=${peak(2).toFixed(1)} peak_ratio=${(peak(2) / peak(1)).toFixed(2)} ` +
        `errors=${errors} overbooked=${overbooked?.n ?? "?"} requests_per_level=${requestsPerLevel} load=${loadavg().map((l) => l.toFixed(2)).join("/")}`,
    );
  } finally {
    await closeDatabase();
  }
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopAll();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  await admin.end({ timeout: 5 });
}
process.exit(exitCode);
