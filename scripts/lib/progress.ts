import { performance } from "node:perf_hooks";

/** Prints what a start-up step is doing and how long it took, so a slow first start never looks stuck. */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`• ${label}…`);
  const result = await work();
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
