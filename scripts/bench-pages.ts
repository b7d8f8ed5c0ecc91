/**
 * npm run bench:pages — how fast the site's pages are, against a static file
 * served by the same server in the same minute.
 *
 * Builds the site if needed, creates a scratch PostgreSQL database (DATABASE_URL
 * names the server; default postgres://postgres@127.0.0.1:5432/postgres), starts
 * the built site on it with the demo data in a child process, and interleaves
 * each target with autocannon, round after round, so a busy machine slows every
 * target alike and the ratios stay comparable.
 *
 *   npm run bench:pages [-- --rounds 3] [--seconds 5] [--connections 10] [--soak MINUTES]
 *
 * Requests send a browser's `Accept-Encoding`, so compression costs what it
 * costs a browser. --soak keeps /search (rendered each time) under load for that
 * many minutes after the rounds and reports how much the server's memory (RSS)
 * grew during it (rss_growth_mb; without --soak, over the rounds).
 * Public pages are kept for seconds by the server (decision 106), so the plain
 * targets measure a page many signed-out visitors share; the "rendered" ones
 * send a hard reload's `Cache-Control: no-cache`, which renders the page for
 * every request, as for a signed-in person or a page nobody else asked for.
 * The last line is the summary the issue asks for, the rendered ratios after it.
 */
import autocannon from "autocannon";
import type { ChildProcess } from "node:child_process";
import { startScratchSite } from "./lib/scratch-site";
import { readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./lib/build";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = option("rounds", 3);
const seconds = option("seconds", 5);
const connections = option("connections", 10);
const soakMinutes = option("soak", 0);
const port = option("port", 3390 + (process.pid % 100));
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const base = `http://127.0.0.1:${port}`;
const browserHeaders = { "accept-encoding": "gzip, deflate, br", accept: "text/html,application/json,*/*" };

interface Target {
  key: string;
  label: string;
  path: string;
  /** Sent on top of a browser's; a hard reload's `Cache-Control: no-cache` renders the page afresh. */
  headers?: Record<string, string>;
}

const hardReload = { "cache-control": "no-cache" };

interface Sample {
  rps: number;
  /** The server's CPU time per request: steadier than req/s on a shared machine. */
  cpuMs: number;
  p50: number;
  p99: number;
  errors: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function rssMb(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** User + system CPU time of a process, in milliseconds (Linux). */
function cpuTimeMs(child: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function measure(child: ChildProcess, target: Target, duration: number): Promise<Sample> {
  const before = cpuTimeMs(child);
  const sample = await run(target, duration);
  return { ...sample, cpuMs: (cpuTimeMs(child) - before) / Math.max(1, sample.rps * duration) };
}

function run(target: Target, duration: number): Promise<Omit<Sample, "cpuMs">> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: base + target.path, connections, duration, headers: { ...browserHeaders, ...target.headers } },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
  });
}

/** The first-load entry script, as a second static reference: a big file that compression affects most. */
function entryScript(): string | undefined {
  const dir = path.join(process.cwd(), "build/client/assets");
  const entry = readdirSync(dir).find((f) => /^entry\.client-.*\.js$/.test(f));
  return entry ? `/assets/${entry}` : undefined;
}

async function main() {
  await buildIfNeeded();
  const site = await startScratchSite({ server, port, label: "pages", env: { SEED_DEMO: "true", LOG_LEVEL: "warn" } });
  const { child, stop } = site;
  try {
    console.log(`Site on PostgreSQL with demo data answered after ${site.startSeconds.toFixed(1)} s.`);

    const found = (await (await fetch(`${base}/api/search?q=walk&near=Leeds`)).json()) as {
      items?: { id: string }[];
      results?: { id: string }[];
    };
    const activityId = (found.items ?? found.results ?? [])[0]?.id;
    if (!activityId) throw new Error("The demo search found no activity to open.");

    const targets: Target[] = [
      { key: "static", label: "static file (/favicon.svg)", path: "/favicon.svg" },
      { key: "healthz", label: "/healthz", path: "/healthz" },
      { key: "home", label: "/ (home)", path: "/" },
      { key: "search", label: "/search with results", path: "/search?q=walk&near=Leeds" },
      { key: "search_none", label: "/search, no results", path: "/search?q=underwater+basket+weaving&near=Leeds" },
      { key: "api", label: "/api/search", path: "/api/search?q=walk&near=Leeds" },
      { key: "activity", label: "activity page", path: `/activities/${activityId}` },
      // The same pages rendered for every request (decision 106 keeps the ones above for seconds).
      { key: "home_fresh", label: "/ (home), rendered", path: "/", headers: hardReload },
      { key: "search_fresh", label: "/search, rendered", path: "/search?q=walk&near=Leeds", headers: hardReload },
      { key: "search_none_fresh", label: "/search none, rendered", path: "/search?q=underwater+basket+weaving&near=Leeds", headers: hardReload },
      { key: "api_fresh", label: "/api/search, rendered", path: "/api/search?q=walk&near=Leeds", headers: hardReload },
      { key: "activity_fresh", label: "activity page, rendered", path: `/activities/${activityId}`, headers: hardReload },
    ];
    const entry = entryScript();
    if (entry) targets.push({ key: "bundle", label: "entry script (JS)", path: entry });

    for (const t of targets) {
      const res = await fetch(base + t.path, { headers: { ...browserHeaders, ...t.headers } });
      if (!res.ok) throw new Error(`${t.path} answered ${res.status}`);
      await res.arrayBuffer();
      await run(t, 1); // warm up
    }

    const rssBefore = rssMb(child);
    const samples = new Map<string, Sample[]>(targets.map((t) => [t.key, []]));
    const load = [loadavg()[0]];
    for (let r = 1; r <= rounds; r++) {
      for (const t of targets) samples.get(t.key)!.push(await measure(child, t, seconds));
      load.push(loadavg()[0]);
      console.log(`round ${r}/${rounds} done (load average ${loadavg()[0].toFixed(2)})`);
    }
    const rssBeforeSoak = rssMb(child);
    if (soakMinutes > 0) {
      // Rendered for every request (no page kept): the most the server allocates.
      const soak = targets.find((t) => t.key === "search_fresh")!;
      console.log(`Soak: ${soak.label} for ${soakMinutes} minutes…`);
      await run(soak, soakMinutes * 60);
      console.log(`Soak: server RSS ${rssBeforeSoak.toFixed(0)} MB → ${rssMb(child).toFixed(0)} MB`);
    }
    const rssAfter = rssMb(child);

    const med = (key: string) => median(samples.get(key)!.map((s) => s.rps));
    const staticRps = med("static");
    console.log("");
    console.log(
      `${"target".padEnd(28)} ${"req/s min".padStart(10)} ${"median".padStart(8)} ${"max".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"×static".padStart(8)} ${"cpu ms/req".padStart(10)} errors`,
    );
    for (const t of targets) {
      const s = samples.get(t.key)!;
      const rps = s.map((x) => x.rps);
      console.log(
        `${t.label.padEnd(28)} ${Math.min(...rps).toFixed(0).padStart(10)} ${median(rps).toFixed(0).padStart(8)} ${Math.max(...rps).toFixed(0).padStart(8)} ${median(s.map((x) => x.p50)).toFixed(0).padStart(7)} ${median(s.map((x) => x.p99)).toFixed(0).padStart(7)} ${(median(rps) / staticRps).toFixed(3).padStart(8)} ${median(s.map((x) => x.cpuMs)).toFixed(2).padStart(10)} ${s.reduce((n, x) => n + x.errors, 0)}`,
      );
    }
    const ratio = (a: number, b: number) => (a / b).toFixed(3);
    console.log("");
    console.log(
      `load average during the runs: ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}; server RSS ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`,
    );
    console.log(
      `bench:pages search_ratio=${ratio(med("search"), staticRps)} home_ratio=${ratio(med("home"), staticRps)} activity_ratio=${ratio(med("activity"), staticRps)} api_ratio=${ratio(med("api"), med("healthz"))} zero_ratio=${ratio(med("search_none"), med("search"))} rendered_search_ratio=${ratio(med("search_fresh"), staticRps)} rendered_home_ratio=${ratio(med("home_fresh"), staticRps)} rendered_activity_ratio=${ratio(med("activity_fresh"), staticRps)} rendered_api_ratio=${ratio(med("api_fresh"), med("healthz"))} rendered_zero_ratio=${ratio(med("search_none_fresh"), med("search_fresh"))} static_rps=${staticRps.toFixed(0)} rss_growth_mb=${(rssAfter - (soakMinutes > 0 ? rssBeforeSoak : rssBefore)).toFixed(0)} load=${loadavg()[0].toFixed(2)}`,
    );
  } finally {
    await stop();
  }
}

await main();
