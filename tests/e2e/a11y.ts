import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Axe from "axe-core";

const wcagAA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core itself, put into the page under test (read once per worker). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  help: string;
  /** Each offending element's CSS selector path. */
  targets: string[];
}

/**
 * axe-core's violations of the given WCAG tags on the page as it is now.
 *
 * axe runs in the page and only the violations come back. @axe-core/playwright's
 * AxeBuilder put axe's 560 kB source into the page twice per scan (its legacy
 * mode injects before and again while running) and sent every pass and
 * inapplicable rule back with the HTML of each node: 1.3-2.2 s per scan on a
 * busy page, where axe's own run takes 0.4-0.9 s. Our pages have no frames, so
 * what AxeBuilder adds for frames is not needed.
 */
export async function axeViolations(page: Page, tags: string[] = wcagAA): Promise<AxeViolation[]> {
  // After a client-side navigation axe is still in the page; after a full one it is put in again.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async (runTags) => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: runTags } });
    return results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  }, tags);
}

/** Fails with the list of violations, so a regression says what broke. */
export async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.targets.join(", ")})`)).toEqual([]);
}
