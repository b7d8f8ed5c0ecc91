import { getPriority, setPriority } from "node:os";

/**
 * Test workers run at a lower CPU priority than Vitest's main process. The main
 * process transforms every module the workers import and receives their
 * results over an RPC with a fixed 60 s timeout; on a 2-core machine with both
 * cores busy (CI beside a CPU hog) the workers starved it, and a run whose
 * 1,116 tests all passed still failed with `Timeout calling "onTaskUpdate"`.
 * Raising our own niceness needs no privileges; it only ever goes down.
 */
const WORKER_NICENESS = 5;
try {
  if (getPriority() < WORKER_NICENESS) setPriority(WORKER_NICENESS);
} catch {
  // Some sandboxes refuse priority changes; the suite still runs, only less robustly under load.
}
