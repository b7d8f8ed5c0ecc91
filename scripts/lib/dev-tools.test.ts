/**
 * The development mailbox, texts and clock show password-reset and private
 * links. On a default `npm start` they used to be open to anyone who could
 * reach the port. Now: only a local demo site (listening on loopback, no
 * public address) opens them, only to requests straight from this computer,
 * and start-up says which it is.
 */
import express from "express";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listenOnFreePort } from "../../tests/setup/listen";
import { applyRequestGuards } from "./server";
import { printBanner } from "./banner";
import { devToolsAccess, listenHost } from "~/utils/dev-tools.server";
import { parseEnv } from "~/utils/env.server";

type Settings = { PUBLIC_URL?: string; HOST?: string; PORT: number };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A server with the site's request guards in front of stand-in pages, listening where the site would. */
async function siteWith(settings: Settings, host = listenHost(settings)) {
  const app = express();
  applyRequestGuards(app, settings);
  app.all("*", (req, res) => res.status(200).send(`page ${req.path}`));
  const { port, close } = await listenOnFreePort(app, { host });
  closers.push(close);
  return port;
}

const nonLoopbackAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === "IPv4")?.address;

describe("where the site listens and whether the development tools are open", () => {
  it("a default start listens on this computer only, with the tools open and a warning", () => {
    expect(listenHost({})).toBe("127.0.0.1");
    const access = devToolsAccess({});
    expect(access.open).toBe(true);
    expect(access.notice).toMatch(/LOCAL DEMO MODE.*never use this mode for real people/);
  });

  it("a site told to listen on every address without PUBLIC_URL says so and keeps the tools shut", () => {
    const access = devToolsAccess({ HOST: "0.0.0.0" });
    expect(access.open).toBe(false);
    expect(access.notice).toMatch(/WARNING.*0\.0\.0\.0 without PUBLIC_URL.*switched off/);
  });

  it("a public site listens on every address, with the tools shut and nothing to warn about", () => {
    expect(listenHost({ PUBLIC_URL: "https://linkway.example.org" })).toBeUndefined();
    expect(devToolsAccess({ PUBLIC_URL: "https://linkway.example.org" })).toEqual({ open: false, notice: null });
    // Even when told to listen on loopback (behind a proxy on the same machine).
    expect(devToolsAccess({ PUBLIC_URL: "https://linkway.example.org", HOST: "127.0.0.1" }).open).toBe(false);
  });

  it("the end-to-end suite's site (PUBLIC_URL on localhost) is a local demo site", () => {
    expect(devToolsAccess({ PUBLIC_URL: "http://localhost:3210" }).open).toBe(true);
  });

  it("HOST is checked at start-up like every setting", () => {
    expect(() => parseEnv({ HOST: " " })).toThrow(/HOST/);
  });

  it("start-up prints the warning with the rest of the banner", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const config = parseEnv({ HOST: "0.0.0.0", SEED_DEMO: "false" });
    printBanner({ config, kind: "pglite", seeded: false, seconds: 1, worker: false });
    const printed = log.mock.calls.flat().join("\n");
    log.mockRestore();
    expect(printed).toMatch(/without PUBLIC_URL/);
    expect(printed).toMatch(/development mailbox \(switched off/);
    expect(printed).not.toMatch(/\/dev\/mailbox/);
  });
});

describe("over HTTP", () => {
  it("a local demo site shows the mailbox and clock to this computer, but not through a proxy", async () => {
    const port = await siteWith({ PORT: 3000 });
    expect((await fetch(`http://127.0.0.1:${port}/dev/mailbox`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/dev/clock`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/dev/mailbox.data`)).status).toBe(200);
    const proxied = await fetch(`http://127.0.0.1:${port}/dev/mailbox`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(proxied.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/search`)).status).toBe(200);
  });

  it("a site listening on every address without PUBLIC_URL does not show them, even to this computer", async () => {
    const port = await siteWith({ PORT: 3000, HOST: "0.0.0.0" });
    for (const path of ["/dev/mailbox", "/dev/texts", "/dev/clock", "/dev/mailbox.data"]) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`http://127.0.0.1:${port}/search`)).status).toBe(200);
  });

  it.skipIf(!nonLoopbackAddress)("a request from another address is refused even if the tools are open", async () => {
    // Listening everywhere while the rule says "open" (as if a local site's listener were widened):
    // the request's own address still decides.
    const port = await siteWith({ PORT: 3000 }, "0.0.0.0");
    expect((await fetch(`http://${nonLoopbackAddress}:${port}/dev/mailbox`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/dev/mailbox`)).status).toBe(200);
  });
});
