/**
 * The built site on a throw-away PostgreSQL database, for the page and abuse
 * benchmarks: created, started, answered /healthz, and dropped again on stop
 * (or Ctrl-C).
 */
import { spawn, type ChildProcess } from "node:child_process";
import postgres from "postgres";

export interface ScratchSite {
  base: string;
  child: ChildProcess;
  /** Seconds from spawning the site to its first healthy answer. */
  startSeconds: number;
  stop: () => Promise<void>;
}

export async function startScratchSite(options: {
  server: string;
  port: number;
  /** Names the database, e.g. "pages" → lw_pages_<pid>. */
  label: string;
  /** Added to the site's environment; `undefined` removes a variable. */
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<ScratchSite> {
  const name = `lw_${options.label}_${process.pid}`;
  const admin = postgres(options.server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(options.server);
  url.pathname = `/${name}`;
  const base = `http://127.0.0.1:${options.port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url.toString(),
    PORT: String(options.port),
    RUN_WORKER: "false",
    MEILI_URL: "",
    ...options.env,
  };
  for (const [key, value] of Object.entries(options.env)) if (value === undefined) delete env[key];
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end({ timeout: 5 });
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    await waitForHealth(base, child, options.timeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, child, startSeconds: (Date.now() - started) / 1000, stop };
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The site stopped while starting (exit ${child.exitCode}).`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("The site did not answer /healthz in time.");
}
