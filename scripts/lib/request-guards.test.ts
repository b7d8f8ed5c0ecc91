/** The CSRF check and client address as the express server applies them to every request. */
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../../tests/setup/listen";
import * as remixActions from "@remix-run/server-runtime/dist/actions.js";
import { remixRequest } from "./remix-adapter";
import { csrfProtection, stampClientIp } from "./request-guards";
import { applyRequestGuards } from "./server";
import { parseEnv } from "~/utils/env.server";

let base: string;
let close: () => Promise<void>;
const received: string[] = [];

beforeAll(async () => {
  const app = express();
  // As on a fresh install: no TRUST_PROXY, no proxy trusted.
  app.set("trust proxy", parseEnv({}).TRUST_PROXY);
  app.use(stampClientIp());
  app.use(csrfProtection({ PUBLIC_URL: "https://linkway.example.org", PORT: 3000 }));
  app.all("*", (req, res) => {
    received.push(`${req.method} ${req.path}`);
    res.json({ ip: req.headers["x-linkway-client-ip"] });
  });
  ({ base, close } = await listenOnFreePort(app));
});

afterAll(() => close());

const post = (path: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: "a=1" });

describe("CSRF protection on every request", () => {
  it("refuses a cross-site form post before it reaches the app", async () => {
    received.length = 0;
    const response = await post("/login", { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/sent from another website/);
    expect(received).toEqual([]);
  });

  it("refuses a post with no Origin and no Sec-Fetch-Site, and cross-site fetch metadata", async () => {
    expect((await post("/account/delete", {})).status).toBe(403);
    expect((await post("/logout", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await fetch(`${base}/x`, { method, headers: { Origin: "https://evil.example" } })).status).toBe(403);
    }
  });

  it("accepts posts from the site's own origin, from the Host it was sent to, or same-origin fetch metadata", async () => {
    expect((await post("/login", { Origin: "https://linkway.example.org" })).status).toBe(200);
    expect((await post("/login", { Origin: base })).status).toBe(200);
    expect((await post("/login", { "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
  });

  it("lets GET and HEAD through from anywhere", async () => {
    expect((await fetch(`${base}/search`, { headers: { Origin: "https://evil.example" } })).status).toBe(200);
    expect((await fetch(`${base}/search`, { method: "HEAD", headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
  });

  it("records the connection's address, ignoring a client-sent header of the same name", async () => {
    const response = await fetch(`${base}/`, { headers: { "x-linkway-client-ip": "1.2.3.4" } });
    const { ip } = (await response.json()) as { ip: string };
    expect(ip).not.toBe("1.2.3.4");
    expect(ip).toMatch(/127\.0\.0\.1/);
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY names the proxy that wrote it", async () => {
    const spoofed = await fetch(`${base}/`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(((await spoofed.json()) as { ip: string }).ip).toMatch(/127\.0\.0\.1/);

    const proxied = express();
    proxied.set("trust proxy", parseEnv({ TRUST_PROXY: "loopback" }).TRUST_PROXY);
    proxied.use(stampClientIp());
    proxied.get("*", (req, res) => res.json({ ip: req.headers["x-linkway-client-ip"] }));
    const site = await listenOnFreePort(proxied);
    try {
      const url = `${site.base}/`;
      const forwarded = await fetch(url, { headers: { "X-Forwarded-For": "203.0.113.9" } });
      expect(((await forwarded.json()) as { ip: string }).ip).toBe("203.0.113.9");
    } finally {
      await site.close();
    }
  });
});

// The framework's own check, run by Remix on every document POST. Imported with the file, not inside the
// test, so loading the server code on a busy machine is not counted against the test's timeout.
const { throwIfPotentialCSRFAttack } = remixActions as unknown as { throwIfPotentialCSRFAttack: (headers: Headers) => void };

describe("behind a reverse proxy that rewrites Host", () => {
  it("a post whose Origin is PUBLIC_URL reaches Remix without the Origin its own check would misjudge (it used to 500)", async () => {
    const app = express();
    applyRequestGuards(app, { PUBLIC_URL: "https://linkway.example.org", PORT: 3000 });
    app.all("*", (req, res) => {
      const request = remixRequest(req, res);
      try {
        throwIfPotentialCSRFAttack(request.headers);
        res.status(200).send("reached the action");
      } catch {
        res.status(500).send("framework refused");
      }
    });
    const site = await listenOnFreePort(app);
    const url = `${site.base}/login`;
    try {
      const proxied = await fetch(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://linkway.example.org" }, body: "a=1" });
      expect(proxied.status).toBe(200);
      const forged = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Sec-Fetch-Site": "same-origin" },
        body: "a=1",
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toMatch(/another website/);
    } finally {
      await site.close();
    }
  });
});
