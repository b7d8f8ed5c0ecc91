/**
 * `npm run bench:embedded`: the embedded database's cost to someone trying
 * Linkway with `npm start` and no PostgreSQL. Starts the built site twice on a
 * fresh data directory (first start: create, migrate, load the demo data; then
 * a restart on the same directory), and reports the time until /healthz
 * answers and the process's resident memory after a minute idle (PGlite runs
 * inside the web process). Ends with one line:
 * `bench:embedded first_start_s=… restart_s=… idle_rss_mb=… load=…`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

const port = Number(process.env.BENCH_PORT ?? 3491);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const dataDir = mkdtempSync(path.join(tmpdir(), "linkway-embedded-"));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function start(): Promise<{ seconds: number; stop: () => Promise<void>; pid: number }> {
  const began = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "production", LOG_LEVEL: "warn", PGLITE_DATA_DIR: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The site stopped while starting:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(100);
  }
  const seconds = (performance.now() - began) / 1000;
  if (process.env.BENCH_VERBOSE) console.log(output);
  return {
    seconds,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

try {
  const first = await start();
  console.log(`first start (create, migrate, demo data): ${first.seconds.toFixed(1)} s`);
  await first.stop();
  const again = await start();
  console.log(`restart on the same data: ${again.seconds.toFixed(1)} s`);
  await sleep(idleSeconds * 1000);
  const rss = rssMb(again.pid);
  console.log(`resident memory after ${idleSeconds} s idle: ${rss.toFixed(0)} MB`);
  await again.stop();
  const load = loadavg().map((l) => l.toFixed(1)).join("/");
  console.log(`bench:embedded first_start_s=${first.seconds.toFixed(1)} restart_s=${again.seconds.toFixed(1)} idle_rss_mb=${rss.toFixed(0)} load=${load}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
