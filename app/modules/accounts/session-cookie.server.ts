import { publicUrl } from "~/utils/env.server";

/** `__Host-` needs Secure, so the prefix is used only when served over https. */
function secure(): boolean {
  return publicUrl().startsWith("https://");
}

export function sessionCookieName(): string {
  return secure() ? "__Host-linkway_session" : "linkway_session";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const attributes = [
    `${sessionCookieName()}=${encodeURIComponent(token)}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure()) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearSessionCookie(): string {
  const attributes = [`${sessionCookieName()}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"];
  if (secure()) attributes.push("Secure");
  return attributes.join("; ");
}
