import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const wcagAA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * An axe scan of the page. Our pages have no frames, so axe runs in the page
 * itself ("legacy mode", which still scans same-origin frames): by default
 * it finishes each scan in a new blank page, which starts a new browser
 * process for every page scanned and made the every-page scans CPU-bound.
 */
export function axeScan(page: Page, tags: string[] = wcagAA) {
  return new AxeBuilder({ page }).withTags(tags).setLegacyMode();
}

/** Fails with the list of violations, so a regression says what broke. */
export async function expectNoAxeViolations(page: Page) {
  const results = await axeScan(page, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}
