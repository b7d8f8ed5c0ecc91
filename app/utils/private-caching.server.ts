/**
 * Pages that are someone's own must not be kept by a browser's cache, a
 * shared computer's back button or a proxy: everything answered to a
 * signed-in person (their referrals, registers, organiser and account pages)
 * and every page reached through a private link (`/r/:token`, the one-tap
 * register, invitations, password resets, calendar feeds). The server adds
 * `Cache-Control: private, no-store` to those answers in one place (the Remix
 * adapter) unless the route chose its own — the open data API's public
 * caching stays as it is.
 */

/** The private-link pages: every route with a `:token` in its path lives under one of these. */
const privateLinkPaths = /^\/(r|n|register|invitations|reset-password|feeds|signup\/confirm|account\/confirm-email)\//;

/** Any of our cookies: a session (or one being set up) means the answer may be personal. */
const ourCookie = /(^|;\s*)(__Host-)?linkway_/;

export const PRIVATE_CACHE_CONTROL = "private, no-store";

/**
 * A public page's answer to a visitor who is not signed in: the same for
 * everyone, so a shared cache (ours, decision 106, or a proxy's) may keep it
 * ten seconds; a browser asks again each time, so its back button never shows
 * a place count from before a booking. Given to someone signed in, the same
 * route's answer names them, so it becomes private (cacheControlFor).
 */
export const SHARED_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=10";

/** How long a shared cache may keep an answer: its `s-maxage` when it is `public`, else 0. */
export function sharedMaxAgeSeconds(cacheControl: string | null | undefined): number {
  if (!cacheControl || !/(^|,)\s*public\s*(,|$)/i.test(cacheControl)) return 0;
  if (/(^|,)\s*(no-store|private|no-cache)\b/i.test(cacheControl)) return 0;
  const seconds = Number(/(?:^|,)\s*s-maxage\s*=\s*(\d+)/i.exec(cacheControl)?.[1] ?? 0);
  return Number.isFinite(seconds) ? seconds : 0;
}

export function isPrivateRequest(path: string, cookieHeader: string | undefined | null): boolean {
  return privateLinkPaths.test(path) || ourCookie.test(cookieHeader ?? "");
}

/**
 * The Cache-Control to send: the route's own, else no-store for a private
 * request, else none. An answer a shared cache may keep (`public` with
 * `s-maxage`, a page for signed-out visitors) is private too when the request is.
 */
export function cacheControlFor(path: string, cookieHeader: string | undefined | null, routeChose: string | null): string | null {
  const isPrivate = isPrivateRequest(path, cookieHeader);
  if (routeChose && !(isPrivate && sharedMaxAgeSeconds(routeChose) > 0)) return routeChose;
  return isPrivate ? PRIVATE_CACHE_CONTROL : null;
}
