/**
 * Test files share worker processes (vitest.config.ts: the pool does not start
 * a process per file, and the integration project keeps modules loaded between
 * its files, which saves each file re-evaluating the whole app). What a
 * process would otherwise start with afresh is put back here, before each
 * file's first line: its environment and the development clock. Modules that
 * keep state read from the database or the environment are reset by the
 * database set-up (per-file-database.ts).
 */
import { vi } from "vitest";
import { setClockOffset } from "../../app/utils/clock.server";

const shared = globalThis as typeof globalThis & { __linkwayEnvAtStart?: NodeJS.ProcessEnv };

/** Puts process.env back as the first file found it, and the clock at the real time. */
export function startLikeAFreshProcess(): void {
  shared.__linkwayEnvAtStart ??= { ...process.env };
  const envAtStart = shared.__linkwayEnvAtStart;
  for (const key of Object.keys(process.env)) if (!(key in envAtStart)) delete process.env[key];
  Object.assign(process.env, envAtStart);
  // The clock's offset lives on globalThis (app/utils/clock.server.ts), so it outlives a file that moved it.
  // process.env is back as it started (NODE_ENV=test), so the clock may be set.
  setClockOffset(0);
  vi.useRealTimers();
}
