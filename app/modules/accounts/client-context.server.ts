/**
 * Who is asking, for rate limits and the audit log. The express server writes
 * the connection's address into CLIENT_IP_HEADER (overwriting anything the
 * client sent), so the value here cannot be forged by a request header.
 */
export const CLIENT_IP_HEADER = "x-linkway-client-ip";

export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

export function clientContext(request: Request): ClientContext {
  return {
    ip: request.headers.get(CLIENT_IP_HEADER)?.slice(0, 64) || null,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) || null,
  };
}

/** "Chrome on Windows", "Safari on iPhone": enough to recognise one's own devices. */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /SamsungBrowser\//.test(ua)
          ? "Samsung Internet"
          : /Chrome\/|Chromium\/|CriOS\//.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua)
              ? "Safari"
              : null;
  const system = /iPhone/.test(ua)
    ? "iPhone"
    : /iPad/.test(ua)
      ? "iPad"
      : /Android/.test(ua)
        ? "Android"
        : /Windows/.test(ua)
          ? "Windows"
          : /Mac OS X|Macintosh/.test(ua)
            ? "Mac"
            : /CrOS/.test(ua)
              ? "Chromebook"
              : /Linux/.test(ua)
                ? "Linux"
                : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}
