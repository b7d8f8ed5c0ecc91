import { test as base } from "@playwright/test";
import { siteURL } from "../../playwright.config";

/**
 * Every spec imports `test` from here: each worker's pages, requests and new
 * browser contexts go to that worker's own site (playwright.config.ts).
 */
export const test = base.extend({
  // Playwright reads a fixture's dependencies from its first parameter's pattern, so it must be one, even empty.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use, testInfo) => use(siteURL(testInfo.parallelIndex)),
});

/** The site of the worker running the current test, for an Origin header. */
export function currentSiteURL(): string {
  return siteURL(test.info().parallelIndex);
}

export { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
