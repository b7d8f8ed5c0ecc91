/**
 * The guard CI relies on to stop a stuck test runner: it must stop only a
 * silent command, leave nothing running, retry as asked, and pass exit codes on.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function guard(options: string[], script: string) {
  const run = spawnSync(process.execPath, ["scripts/stall-guard.mjs", ...options, "--", process.execPath, "-e", script], { encoding: "utf8", timeout: 25_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Running, as opposed to gone or a zombie waiting to be reaped (which is dead, but still signalable). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("stall-guard", () => {
  it("passes a command's output and exit code through", () => {
    const run = guard([], "console.log('hello'); process.exit(3)");
    expect(run.code).toBe(3);
    expect(run.out).toBe("hello\n");
  });

  it("leaves a command alone while it keeps printing, however long it runs", () => {
    const run = guard(["--quiet-seconds", "1"], "let n = 0; const t = setInterval(() => { console.log(n); if (++n === 8) clearInterval(t); }, 400)");
    expect(run.code).toBe(0);
    expect(run.err).toBe("");
  });

  it("stops a silent command with everything it started, says what was running, and tries once more", () => {
    // The command starts a child of its own, as Vitest starts workers, and both go silent; the child ignores SIGTERM.
    const worker = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1e6)";
    const run = guard(
      ["--quiet-seconds", "1", "--retries", "1"],
      `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(worker)}]); console.log('pids', process.pid, c.pid); setInterval(() => {}, 1e6)`,
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain("printed nothing for 1 s; still running:");
    expect(run.err).toContain("setInterval");
    expect(run.err).toContain("WARNING");
    expect(run.err).toContain("running it again, try 2 of 2");
    expect(run.err).toContain("stalled; giving up after 2 tries");
    const pids = [...run.out.matchAll(/pids (\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(pids).toHaveLength(4);
    expect(pids.filter(alive)).toEqual([]);
  });

  it("refuses options it cannot read", () => {
    expect(guard(["--quiet-seconds", "soon"], "").code).toBe(2);
  });
});
