/**
 * Vitest's order, except that files which start processes of their own (the
 * site, workers: tests/setup/processes.ts) go first. They are the longest
 * files by far (a worker killed three times, two sites behind one database),
 * and on a clean clone, with no timings kept from an earlier run, Vitest
 * orders by file size, which put them last: the run then ended with one
 * worker waiting half a minute for the other.
 */
import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

export class LongFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const startsProcesses = (spec: TestSpecification) => readFileSync(spec.moduleId, "utf8").includes("setup/processes");
    const first = new Set(sorted.filter(startsProcesses));
    return [...first, ...sorted.filter((spec) => !first.has(spec))];
  }
}
