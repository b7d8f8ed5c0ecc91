import { describe, expect, it } from "vitest";
import { checkRequestOrigin } from "./csrf.server";

const base = { publicUrl: "https://linkway.example.org", host: "linkway.example.org" };

describe("checkRequestOrigin", () => {
  it("lets safe methods through whatever their headers", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(checkRequestOrigin({ ...base, method, origin: "https://evil.example", secFetchSite: "cross-site" }).allowed).toBe(true);
    }
  });

  it("accepts a POST from the public origin or the Host it was sent to", () => {
    expect(checkRequestOrigin({ ...base, method: "POST", origin: "https://linkway.example.org", secFetchSite: null }).allowed).toBe(true);
    expect(
      checkRequestOrigin({ method: "POST", publicUrl: "https://linkway.example.org", host: "localhost:3000", origin: "http://localhost:3000", secFetchSite: null }).allowed,
    ).toBe(true);
  });

  it("accepts Sec-Fetch-Site: same-origin even without an Origin", () => {
    expect(checkRequestOrigin({ ...base, method: "POST", origin: null, secFetchSite: "same-origin" }).allowed).toBe(true);
  });

  it("refuses POST, PUT, PATCH and DELETE from another site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkRequestOrigin({ ...base, method, origin: "https://evil.example", secFetchSite: null }).allowed).toBe(false);
    }
  });

  it("refuses look-alike origins and other ports and schemes", () => {
    for (const origin of ["https://linkway.example.org.evil.example", "https://evil-linkway.example.org", "http://linkway.example.org:8080", "https://sub.linkway.example.org"]) {
      expect(checkRequestOrigin({ ...base, method: "POST", origin, secFetchSite: null }).allowed, origin).toBe(false);
    }
  });

  it("refuses a missing, opaque or malformed Origin", () => {
    for (const origin of [null, undefined, "", "null", "not a url"]) {
      expect(checkRequestOrigin({ ...base, method: "POST", origin, secFetchSite: null }).allowed).toBe(false);
    }
  });

  it("refuses when the browser says the request is cross-site or same-site, even with a matching Origin", () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(checkRequestOrigin({ ...base, method: "POST", origin: "https://linkway.example.org", secFetchSite: site }).allowed).toBe(false);
    }
  });

  it("refuses a forged Origin even when Sec-Fetch-Site says same-origin: an Origin present must match", () => {
    const check = checkRequestOrigin({ ...base, method: "POST", origin: "https://evil.example", secFetchSite: "same-origin" });
    expect(check.allowed).toBe(false);
    expect(checkRequestOrigin({ ...base, method: "POST", origin: "not a url", secFetchSite: "same-origin" }).allowed).toBe(false);
  });
});
