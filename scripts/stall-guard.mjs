#!/usr/bin/env node
// Runs a test command and stops it when it has printed nothing for too long.
//
// Why: CI once sat for 85 minutes after the last Vitest file had started, with
// every other file passed and nothing printed, until the 90-minute CI limit
// killed it. Every test already has a timeout, so silence this long means the
// runner itself is stuck, not a slow test. The guard prints what was still
// running, kills the whole process group, and (with --retries) runs the command
// again, saying so loudly, so one stuck worker cannot cost a whole CI run.
//
// usage: node scripts/stall-guard.mjs [--quiet-seconds N] [--retries N] -- command [args...]
import { spawn, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const args = process.argv.slice(2);
const split = args.indexOf("--");
if (split < 0 || split === args.length - 1) {
  console.error("usage: node scripts/stall-guard.mjs [--quiet-seconds N] [--retries N] -- command [args...]");
  process.exit(2);
}
const options = args.slice(0, split);
const command = args.slice(split + 1);
const option = (name, fallback) => {
  const at = options.indexOf(name);
  const value = at >= 0 ? Number(options[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    console.error(`stall-guard: ${name} needs a whole number, got ${options[at + 1]}`);
    process.exit(2);
  }
  return value;
};
const quietSeconds = option("--quiet-seconds", Number(process.env.STALL_GUARD_SECONDS ?? 300));
const retries = option("--retries", 0);
const label = command.join(" ");

/**
 * Whether a process of the group is still running. A zombie is dead, only not yet reaped by its parent, so it does
 * not count. Linux's /proc; where there is none, the group is taken as gone.
 */
function groupRunning(pgid) {
  let names;
  try {
    names = readdirSync("/proc");
  } catch {
    return false;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // After the command name (which may hold spaces and brackets): state, parent pid, process group.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
    } catch {
      // Gone while we looked.
    }
  }
  return false;
}

/**
 * SIGKILL is only a request: on a busy machine a killed worker can take a moment to be scheduled and die. Nothing
 * is retried, and the guard does not exit, until the group has gone (or 10 s have passed).
 */
async function waitForGroupToGo(pgid) {
  const until = Date.now() + 10_000;
  while (groupRunning(pgid) && Date.now() < until) await sleep(50);
}

function runOnce() {
  return new Promise((resolve) => {
    // Its own process group, so a stall kills the runner and every worker it forked.
    // Piped output loses the terminal's colours; keep them for people at a terminal.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } : process.env;
    const child = spawn(command[0], command.slice(1), { stdio: ["inherit", "pipe", "pipe"], detached: true, env });
    let lastOutput = Date.now();
    let stalled = false;
    const seen = () => (lastOutput = Date.now());
    child.stdout.on("data", (chunk) => (seen(), process.stdout.write(chunk)));
    child.stderr.on("data", (chunk) => (seen(), process.stderr.write(chunk)));

    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const watch = setInterval(() => {
      if (stalled || Date.now() - lastOutput < quietSeconds * 1000) return;
      stalled = true;
      console.error(`\nstall-guard: \`${label}\` printed nothing for ${quietSeconds} s; still running:`);
      try {
        const rows = execFileSync("ps", ["-e", "-o", "pgid=,pid=,etime=,rss=,args="], { encoding: "utf8" })
          .split("\n")
          .filter((row) => row.trim().split(/\s+/)[0] === String(child.pid));
        console.error("  pgid pid elapsed rss(kB) command\n" + rows.map((row) => "  " + row.trim().slice(0, 200)).join("\n"));
      } catch {
        console.error("  (ps could not list the process group)");
      }
      killGroup("SIGTERM");
      setTimeout(() => killGroup("SIGKILL"), 5000).unref();
    }, 2000);

    // Ctrl-C or CI cancelling us should not leave the group behind.
    const forward = (signal) => () => killGroup(signal);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);

    child.on("close", async (code, signal) => {
      clearInterval(watch);
      // The runner is gone; a worker of its that ignored SIGTERM must not outlive it.
      if (stalled) {
        killGroup("SIGKILL");
        await waitForGroupToGo(child.pid);
      }
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve({ code: code ?? (signal ? 1 : 0), stalled });
    });
  });
}

let attempt = 0;
for (;;) {
  const { code, stalled } = await runOnce();
  if (!stalled) process.exit(code);
  if (attempt >= retries) {
    console.error(`stall-guard: \`${label}\` stalled; giving up after ${attempt + 1} tries.`);
    process.exit(1);
  }
  attempt += 1;
  console.error(`stall-guard: WARNING \`${label}\` stalled (not a test failure); running it again, try ${attempt + 1} of ${retries + 1}.`);
}
