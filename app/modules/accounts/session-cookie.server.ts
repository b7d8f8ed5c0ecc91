import { publicUrl } from "~/utils/env.server";

/** `__Host-` needs Secure, so the prefix is used only when served over https. */
function secure(): boolean {
  return publicUrl().startsWith("https://");
}

export function cookieNameFor(isSecure: boolean): string {
  return isSecure ? "__Host-linkway_session" : "linkway_session";
}

export function sessionCookieName(): string {
  return cookieNameFor(secure());
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    // A cookie the browser mangled (or someone forged) is no session: signed out, never a 500.
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The Set-Cookie value. `expiresAt` is the session's absolute end: the browser
 * keeps the cookie that long, and the server ends the session sooner when it
 * is idle (so the cookie need not be re-sent each time the idle expiry slides).
 */
export function buildSessionCookie(token: string, expiresAt: Date, isSecure: boolean): string {
  const attributes = [
    `${cookieNameFor(isSecure)}=${encodeURIComponent(token)}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (isSecure) attributes.push("Secure");
  return attributes.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return buildSessionCookie(token, expiresAt, secure());
}

export function clearSessionCookie(): string {
  const attributes = [`${sessionCookieName()}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"];
  if (secure()) attributes.push("Secure");
  return attributes.join("; ");
}
