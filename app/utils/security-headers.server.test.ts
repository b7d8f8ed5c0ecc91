import { describe, expect, it } from "vitest";
import { securityHeaders, tileOriginFor } from "./security-headers.server";

const csp = (headers: Record<string, string>) =>
  Object.fromEntries(
    headers["Content-Security-Policy"].split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe("security headers", () => {
  const headers = securityHeaders({ nonce: "abc123", tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", https: true });

  it("allows scripts only from the site with this request's nonce", () => {
    const policy = csp(headers);
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123'"]);
    expect(policy["default-src"]).toEqual(["'self'"]);
  });

  it("allows the tile host for images and nothing else off-site", () => {
    const policy = csp(headers);
    expect(policy["img-src"]).toEqual(["'self'", "data:", "blob:", "https://tile.openstreetmap.org"]);
    const offSite = Object.values(policy)
      .flat()
      .filter((v) => /^https?:/.test(v));
    expect(offSite).toEqual(["https://tile.openstreetmap.org"]);
  });

  it("forbids plugins, base tags and framing", () => {
    const policy = csp(headers);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
  });

  it("sends nosniff, same-origin referrers, and HSTS only over https", () => {
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["Strict-Transport-Security"]).toMatch(/max-age=\d{8}/);
    const plain = securityHeaders({ nonce: "n", tileUrl: "http://localhost/{z}/{x}/{y}.png", https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
  });

  it("widens {s} tile subdomains to a wildcard of that host only", () => {
    expect(tileOriginFor("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://*.tile.example.org");
  });
});
