import { describe, expect, it } from "vitest";
import { buildSessionCookie, clearSessionCookie, readSessionToken, sessionCookie } from "./session-cookie.server";

const expires = new Date("2026-03-02T12:00:00Z");

describe("session cookie", () => {
  it("over http: HttpOnly, SameSite=Lax, Path=/, expiring with the session", () => {
    expect(sessionCookie("abc.def", expires)).toBe("linkway_session=abc.def; HttpOnly; SameSite=Lax; Path=/; Expires=Mon, 02 Mar 2026 12:00:00 GMT");
    expect(clearSessionCookie()).toContain("Max-Age=0");
  });

  it("over https: the __Host- prefix and Secure", () => {
    expect(buildSessionCookie("abc.def", expires, true)).toBe(
      "__Host-linkway_session=abc.def; HttpOnly; SameSite=Lax; Path=/; Expires=Mon, 02 Mar 2026 12:00:00 GMT; Secure",
    );
  });

  it("reads the token from among other cookies", () => {
    const request = new Request("http://x/", { headers: { Cookie: "other=1; linkway_session=abc.def" } });
    expect(readSessionToken(request)).toBe("abc.def");
    expect(readSessionToken(new Request("http://x/"))).toBeNull();
  });

  it("treats a malformed cookie as signed out", () => {
    for (const value of ["%", "%E0%A4%A", "abc%zz"]) {
      expect(readSessionToken(new Request("http://x/", { headers: { Cookie: `linkway_session=${value}` } }))).toBeNull();
    }
  });
});
