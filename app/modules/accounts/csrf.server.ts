/**
 * Cross-site request forgery: a state-changing request (anything but GET,
 * HEAD, OPTIONS) is accepted only when the browser says it came from this
 * site — an `Origin` that is the site's public origin or the origin of the
 * Host it was sent to, or, with no Origin, `Sec-Fetch-Site: same-origin`.
 * This is the only origin rule: the Remix adapter drops Origin after it, so
 * the framework's own Host comparison cannot 500 behind a proxy. Browsers send Origin
 * with every POST, so a request with neither header is refused too.
 * Pure, so it is tested without a server; scripts/lib/server.ts applies it to
 * every request.
 */
export interface OriginCheckInput {
  method: string;
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
  host: string | null | undefined;
  /** PUBLIC_URL (or http://localhost:PORT). */
  publicUrl: string;
}

export type OriginCheck = { allowed: true } | { allowed: false; reason: string };

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === "null" ? null : parsed.origin;
  } catch {
    return null;
  }
}

export function checkRequestOrigin(input: OriginCheckInput): OriginCheck {
  if (safeMethods.has(input.method.toUpperCase())) return { allowed: true };
  const site = input.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") {
    return { allowed: false, reason: `Sec-Fetch-Site is ${site}` };
  }
  const noOrigin = !input.origin || input.origin === "null";
  // Fetch metadata vouches only for a request that names no origin; one that names one must name ours.
  if (site === "same-origin" && noOrigin) return { allowed: true };
  if (noOrigin) return { allowed: false, reason: "no Origin header" };
  const origin = originOf(input.origin!);
  if (!origin) return { allowed: false, reason: "malformed Origin header" };
  if (origin === originOf(input.publicUrl)) return { allowed: true };
  if (input.host && new URL(origin).host === input.host.toLowerCase()) return { allowed: true };
  return { allowed: false, reason: "Origin does not match this site" };
}

export const crossSiteRefusal =
  "This form was sent from another website, so it was not accepted. Go back to Linkway and try again.";
