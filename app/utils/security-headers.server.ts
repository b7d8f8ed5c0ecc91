/**
 * Headers sent with every response. The CSP allows the map tiles' host and
 * nothing else off-site; Remix's inline scripts carry a per-request nonce.
 */
export function securityHeaders(options: {
  nonce: string;
  tileUrl: string;
  https: boolean;
  dev?: boolean;
}): Record<string, string> {
  const tileOrigin = tileOriginFor(options.tileUrl);
  const scriptSrc = options.dev
    ? // Vite's dev client injects inline modules and connects over a websocket.
      `'self' 'unsafe-inline'`
    : `'self' 'nonce-${options.nonce}'`;
  const directives = [
    `default-src 'self'`,
    `script-src ${scriptSrc}`,
    // React and Leaflet set style attributes; no off-site styles are allowed.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: ${tileOrigin}`.trim(),
    `font-src 'self'`,
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  const headers: Record<string, string> = {
    "Content-Security-Policy": directives.join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=()",
  };
  if (options.https) {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  return headers;
}

/** The scheme + host of a tile template, with `{s}` subdomains widened to a wildcard. */
export function tileOriginFor(tileUrl: string): string {
  const match = /^(https?:\/\/[^/]+)/.exec(tileUrl);
  if (!match) return "";
  return match[1].replace("{s}.", "*.");
}
