import type { APIRequestContext } from "@playwright/test";
import { currentSiteURL } from "./fixtures";

/**
 * Playwright's request context sends no Origin header, so the CSRF check
 * (scripts/lib/request-guards.ts) refuses its POSTs. Tests that post directly
 * (for example to /dev/clock) say they come from the site.
 */
export function postForm(request: APIRequestContext, path: string, form: Record<string, string>) {
  return request.post(path, { form, headers: { Origin: currentSiteURL() } });
}
