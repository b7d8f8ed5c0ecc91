/**
 * npm run bench:abuse — does one hostile client stall everyone else?
 *
 * Starts the built site on loopback (a scratch PostgreSQL database, as
 * bench:pages does; DATABASE_URL names the server, default
 * postgres://postgres@127.0.0.1:5432/postgres), then for --seconds (default 15)
 * a hostile client sends, over --connections (default 4) at once, the bodies
 * the probe used: one field repeated 20,000 times, 2,000 repeats in a small
 * body, 2 MB of form, 200,000 distinct field names, NUL bytes in text fields and
 * JSON to form pages. Meanwhile another client asks for /healthz every 50 ms.
 * The last line gives /healthz's p95 (target: under 100 ms) and the statuses
 * the hostile requests got, with the machine's load average.
 *
 *   npm run bench:abuse [-- --seconds 15] [--connections 4]
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { startScratchSite } from "./lib/scratch-site";
import { buildIfNeeded } from "./lib/build";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option("seconds", 15);
const connections = option("connections", 4);
const port = option("port", 3490 + (process.pid % 100));
/** Set in the child process that plays the hostile client (see hostileClient). */
const hostileRole = args.includes("--hostile-client");
const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
// Loopback only: the site listens on 127.0.0.1 and nothing here is sent anywhere else.
const base = `http://127.0.0.1:${port}`;
const origin = { Origin: base };
const form = { "Content-Type": "application/x-www-form-urlencoded", ...origin };

const repeated = (name: string, times: number) => Array.from({ length: times }, () => `${name}=x`).join("&");

/** The hostile requests, taken in turn by each connection. */
const attacks: { path: string; headers: Record<string, string>; body: string }[] = [
  { path: "/login", headers: form, body: repeated("email", 20_000) },
  { path: "/signup", headers: form, body: repeated("name", 2_000) },
  { path: "/forgot-password", headers: form, body: `email=${"a".repeat(2 * 1024 * 1024)}` },
  { path: "/login", headers: form, body: Array.from({ length: 200_000 }, (_, i) => `f${i}=`).join("&") },
  { path: "/signup", headers: form, body: new URLSearchParams({ name: "a\u0000b", organisationName: "\u0000", email: "x\u0000@y", password: "\u0000" }).toString() },
  { path: "/login", headers: { "Content-Type": "application/json", ...origin }, body: JSON.stringify({ email: "a@b.test", password: "x" }) },
  { path: "/search?" + repeated("q", 1_000), headers: origin, body: "" },
];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

/** /healthz every 50 ms until `until`: each answer's time, and how many failed. */
async function healthTimesFor(until: number): Promise<{ times: number[]; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${base}/healthz`).catch(() => null);
    if (response?.ok) {
      await response.arrayBuffer();
      times.push(performance.now() - started);
    } else failures++;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { times, failures };
}

async function main() {
  await buildIfNeeded();
  const site = await startScratchSite({
    server,
    port,
    label: "abuse",
    env: { HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "fatal", PUBLIC_URL: undefined },
  });
  try {
    // Warm the health check (first database use) before timing it.
    for (let i = 0; i < 5; i++) await fetch(`${base}/healthz`);

    // The same health check with nobody attacking first: on a busy shared machine it is the yardstick.
    const baseline = await healthTimesFor(performance.now() + 5_000);
    // The hostile client is its own process, so sending megabytes never delays the health check's own event loop.
    const attacker = spawn(process.execPath, ["--import", "tsx", "scripts/bench-abuse.ts", "--hostile-client", "--port", String(port), "--seconds", String(seconds), "--connections", String(connections)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let attackerOutput = "";
    attacker.stdout!.on("data", (d: Buffer) => (attackerOutput += d.toString()));
    const attackerDone = new Promise((r) => attacker.once("exit", r));
    // Give it a moment to start sending.
    await new Promise((r) => setTimeout(r, 1_000));
    const { times: healthTimes, failures: healthFailures } = await healthTimesFor(performance.now() + (seconds - 2) * 1000);
    await attackerDone;
    const statuses = new Map<string, number>(Object.entries(JSON.parse(attackerOutput.trim().split("\n").pop() || "{}") as Record<string, number>));
    const hostileTotal = [...statuses.values()].reduce((a, b) => a + b, 0);
    const breakdown = [...statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
    const p95 = percentile(healthTimes, 95);
    console.log(
      `bench:abuse /healthz p95 ${p95.toFixed(1)} ms (p50 ${percentile(healthTimes, 50).toFixed(1)} ms, n=${healthTimes.length}, failed ${healthFailures}; target < 100 ms: ${p95 < 100 ? "met" : "MISSED"}; ` +
        `with no attack ${percentile(baseline.times, 95).toFixed(1)} ms) ` +
        `while ${hostileTotal} hostile requests over ${connections} connections in ${seconds} s got ${breakdown}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    );
  } finally {
    await site.stop();
  }
}

/** The hostile client: every connection sends the attacks in turn until time is up; prints the statuses as JSON. */
async function hostileClient() {
  const until = performance.now() + seconds * 1000;
  const statuses: Record<string, number> = {};
  const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);
  const lane = async (first: number) => {
    for (let i = first; performance.now() < until; i++) {
      const attack = attacks[i % attacks.length];
      try {
        const response = await fetch(`${base}${attack.path}`, { method: attack.body ? "POST" : "GET", headers: attack.headers, body: attack.body || undefined });
        await response.arrayBuffer();
        count(String(response.status));
      } catch {
        // A 413 closes the connection before the rest of the body is read; the client may see that as a reset.
        count("closed");
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => lane(i)));
  console.log(JSON.stringify(statuses));
}

(hostileRole ? hostileClient() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
