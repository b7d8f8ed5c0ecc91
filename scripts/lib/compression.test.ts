/**
 * Pages and JSON go out in gzip even to a browser that also takes brotli: at
 * level 1 gzip was both quicker and smaller on our pages (decision 053), and
 * the compression middleware would otherwise pick brotli.
 */
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../../tests/setup/listen";
import { compressDynamicResponses } from "./server";

let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const app = express();
  compressDynamicResponses(app);
  app.get("/page", (_req, res) => res.type("html").send(`<p>${"A walk in the park. ".repeat(400)}</p>`));
  app.get("/small", (_req, res) => res.type("html").send("<p>Short</p>"));
  ({ base, close } = await listenOnFreePort(app));
});

afterAll(() => close());

const encodingOf = async (path: string, acceptEncoding: string) =>
  (await fetch(`${base}${path}`, { headers: { "Accept-Encoding": acceptEncoding } })).headers.get("content-encoding");

describe("compressing pages and JSON", () => {
  it("answers in gzip when the browser takes gzip and brotli, in either order or with weights", async () => {
    expect(await encodingOf("/page", "gzip, deflate, br, zstd")).toBe("gzip");
    expect(await encodingOf("/page", "br;q=1.0, gzip;q=0.8")).toBe("gzip");
  });

  it("still answers in brotli a client that takes nothing else", async () => {
    expect(await encodingOf("/page", "br")).toBe("br");
  });

  it("leaves a response under 1 kB as it is", async () => {
    expect(await encodingOf("/small", "gzip, br")).toBeNull();
  });
});
