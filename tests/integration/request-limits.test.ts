/**
 * Hostile bodies over real HTTP, through the same guards the server applies
 * (applyRequestGuards), into the real sign-in action and health check.
 * Before the limits, 20,000 repeats of one field held the CPU for ~9 s and
 * /healthz waited behind it.
 */
import express from "express";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { applyRequestGuards } from "../../scripts/lib/server";
import { remixRequest } from "../../scripts/lib/remix-adapter";
import { callRoute } from "../setup/routes";
import { action as signIn } from "~/routes/login/route";
import { loader as health } from "~/routes/healthz";
import { createAccount, testPassword } from "../factories/accounts";

let base: string;
let close: () => Promise<void>;
const reached: string[] = [];

beforeAll(async () => {
  const app = express();
  applyRequestGuards(app, { PUBLIC_URL: undefined, PORT: 3000 });
  app.all("*", async (req, res) => {
    reached.push(`${req.method} ${req.path}`);
    const request = remixRequest(req, res);
    const outcome =
      req.path === "/healthz"
        ? await callRoute(() => health(), request)
        : req.path === "/login"
          ? await callRoute(signIn, request)
          : { status: 200, text: JSON.stringify({ bytes: (await request.arrayBuffer()).byteLength }), location: null };
    if (outcome.location) res.set("Location", outcome.location);
    res.status(outcome.status).type("application/json").send(outcome.text);
  });
  ({ base, close } = await listenOnFreePort(app));
});

afterAll(() => close());

// The first health check opens the database; time the ones after.
beforeAll(() => timed("/healthz"));

const sameSite = { Origin: "http://localhost:3000" };
const form = (body: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", ...sameSite, ...headers },
  body,
});

async function timed(path: string, init?: RequestInit) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

describe("a hostile body is refused before it is parsed", () => {
  it("refuses one field repeated 20,000 times quickly, and the health check is not kept waiting", async () => {
    reached.length = 0;
    const hostile = Array.from({ length: 20_000 }, () => "email=x").join("&");
    const attacks = Array.from({ length: 4 }, () => timed("/login", form(hostile)));
    const healthCheck = timed("/healthz");
    const results = await Promise.all(attacks);
    for (const result of results) {
      // 160 KB: over the size limit before its fields are even counted.
      expect(result.status).toBe(413);
      expect(result.text).toMatch(/too large/);
      expect(result.ms).toBeLessThan(2_000);
    }
    expect((await healthCheck).status).toBe(200);
    expect((await healthCheck).ms).toBeLessThan(2_000);
    expect(reached).toEqual(["GET /healthz"]);
  });

  it("refuses a small body with too many repeats of one field, or too many fields", async () => {
    reached.length = 0;
    const repeats = await timed("/login", form(Array.from({ length: 2_000 }, () => "e=").join("&")));
    expect(repeats.status).toBe(400);
    expect(repeats.text).toMatch(/too many parts/);
    const distinct = await timed("/login", form(Array.from({ length: 2_000 }, (_, i) => `f${i}=`).join("&")));
    expect(distinct.status).toBe(400);
    expect(reached).toEqual([]);
  });

  it("refuses the same in a query string", async () => {
    const result = await timed(`/search?${Array.from({ length: 1_000 }, () => "q=a").join("&")}`);
    expect(result.status).toBe(400);
  });

  it("refuses an oversized body sent without a length, as soon as it passes the limit", async () => {
    const chunk = new TextEncoder().encode(`${"a=b&".repeat(4096)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        // 16 MB if nobody stops it.
        if (sent > 16 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${base}/login`, { ...form(""), body: stream, duplex: "half" } as RequestInit).catch((error: Error) => error);
    if (response instanceof Error) expect(response.message).toMatch(/fetch failed|other side closed|socket/);
    else expect(response.status).toBe(413);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("answers a body that is not a form with 415, and treats an empty post as an empty form", async () => {
    const json = await timed("/login", { method: "POST", headers: { "Content-Type": "application/json", ...sameSite }, body: "{}" });
    expect(json.status).toBe(415);
    expect(json.text).toMatch(/only accepts a form/);
    const bare = await timed("/login", { method: "POST", headers: sameSite });
    // The sign-in form's own validation answers, next to its fields.
    expect(bare.text).toMatch(/email/i);
  });

  it("lets JSON through only to the text-message provider's callbacks, which send JSON", async () => {
    const receipt = JSON.stringify({ reference: "t-1", status: "delivered" });
    const callback = await timed("/api/texts/status", { method: "POST", headers: { "Content-Type": "application/json" }, body: receipt });
    expect(callback.status).toBe(200);
    expect(JSON.parse(callback.text)).toEqual({ bytes: receipt.length });
    const elsewhere = await timed("/api/search", { method: "POST", headers: { "Content-Type": "application/json", ...sameSite }, body: "{}" });
    expect(elsewhere.status).toBe(415);
  });

  it("counts multipart fields too, and lets a photo-sized body through only to a signed-in photo page", async () => {
    const boundary = "----linkwaytest";
    const parts = (count: number, size = 1) =>
      Array.from({ length: count }, () => `--${boundary}\r\nContent-Disposition: form-data; name="tag"\r\n\r\n${"x".repeat(size)}\r\n`).join("") + `--${boundary}--\r\n`;
    const multipart = (body: string, headers: Record<string, string> = {}) => ({
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, ...sameSite, ...headers },
      body,
    });
    expect((await timed("/anything", multipart(parts(150)))).status).toBe(400);
    expect((await timed("/anything", multipart(parts(50)))).status).toBe(200);
    const photoSized = parts(1, 1024 * 1024);
    expect((await timed("/organiser/activities/new", multipart(photoSized))).status).toBe(413);
    const signedIn = await timed("/organiser/activities/new", multipart(photoSized, { Cookie: "linkway_session=abc.def" }));
    expect(signedIn.status).toBe(200);
    expect(JSON.parse(signedIn.text).bytes).toBe(Buffer.byteLength(photoSized));
  });

  it("still signs a person in with an ordinary form", async () => {
    const user = await createAccount({ email: "limits@example.test" });
    const body = new URLSearchParams({ email: user.email, password: testPassword }).toString();
    const result = await timed("/login", { ...form(body), redirect: "manual" });
    expect(result.status).toBe(302);
  });
});
