/** Signed-in requests for integration tests: a real session row and cookie. */
import { createSession, sessionCookieName } from "~/modules/accounts/index.server";

export async function cookieFor(userId: string): Promise<string> {
  const { token } = await createSession(userId, { twoFactorVerified: true });
  return `${sessionCookieName()}=${encodeURIComponent(token)}`;
}

export async function requestAs(
  userId: string | null,
  path: string,
  init: RequestInit & { form?: Record<string, string | string[]> } = {},
): Promise<Request> {
  const headers = new Headers(init.headers);
  if (userId) headers.set("Cookie", await cookieFor(userId));
  let body = init.body;
  if (init.form) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(init.form)) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    }
    body = form;
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", "http://localhost:3000");
  }
  return new Request(`http://localhost:3000${path}`, {
    ...init,
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers,
    body,
  });
}
