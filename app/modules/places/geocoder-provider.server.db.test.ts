import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listenOnFreePort } from "../../../tests/setup/listen";
import { logger } from "~/utils/logger.server";
import { resetGazetteerForTests, resolvePlace } from "./gazetteer.server";
import { createGeocoderProvider } from "./geocoder-provider.server";

/** A stand-in for postcodes.io: a few known answers, a broken area and a slow one. */
const answers: Record<string, { status: number; body?: unknown; delayMs?: number }> = {
  "/postcodes/LS6%203AB": { status: 200, body: { status: 200, result: { latitude: 53.8196, longitude: -1.5777 } } },
  "/outcodes/LS6": { status: 200, body: { status: 200, result: { latitude: 53.82, longitude: -1.57 } } },
  "/postcodes/BS1%205TR": { status: 500, body: { status: 500, error: "boom" } },
  "/postcodes/M1%201AA": { status: 200, body: { status: 200, result: { latitude: 53.47, longitude: -2.23 } }, delayMs: 300 },
  "/postcodes/NR1%201AA": { status: 200, body: { status: 200, result: { latitude: null, longitude: null } } },
};

let server: Server;
let baseUrl: string;
let close: () => Promise<void>;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    const answer = answers[req.url ?? ""] ?? { status: 404, body: { status: 404, error: "Postcode not found" } };
    setTimeout(() => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    }, answer.delayMs ?? 0);
  });
  const listening = await listenOnFreePort(server);
  baseUrl = `${listening.base}/`;
  close = listening.close;
});

afterAll(() => close());

beforeEach(() => {
  requested.length = 0;
  delete process.env.POSTCODES_FILE;
  process.env.GEOCODER_URL = baseUrl;
  resetGazetteerForTests();
});

afterEach(() => {
  delete process.env.GEOCODER_URL;
  resetGazetteerForTests();
  vi.restoreAllMocks();
});

describe("resolvePlace with GEOCODER_URL", () => {
  it("asks the service for a postcode", async () => {
    expect(await resolvePlace("ls6 3ab")).toEqual({
      label: "LS6 3AB",
      lat: 53.8196,
      lng: -1.5777,
      kind: "postcode",
      precision_km: 0.1,
    });
    expect(requested).toEqual(["/postcodes/LS6%203AB"]);
  });

  it("asks the service for an outcode", async () => {
    expect(await resolvePlace("LS6")).toMatchObject({ label: "LS6", lat: 53.82, lng: -1.57, kind: "outcode" });
  });

  it("tries the outcode when the service does not know the postcode", async () => {
    expect(await resolvePlace("LS6 9ZZ")).toMatchObject({ label: "LS6 9ZZ (LS6 area)", kind: "outcode" });
    expect(requested).toEqual(["/postcodes/LS6%209ZZ", "/outcodes/LS6"]);
  });

  it("falls back to the offline data on a server error, without a second request", async () => {
    const warn = vi.spyOn(logger, "warn");
    expect(await resolvePlace("BS1 5TR")).toMatchObject({ label: "BS1 5TR (Bristol area)", kind: "postcode_area" });
    expect(requested).toEqual(["/postcodes/BS1%205TR"]);
    expect(warn).toHaveBeenCalledOnce();
    // A full postcode can identify a person's home; only the outcode is logged.
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain("5TR");
  });

  it("treats a postcode with no coordinates as not found", async () => {
    expect(await resolvePlace("NR1 1AA")).toMatchObject({ label: "NR1 1AA (Lakenham, Norwich)" });
  });

  it("falls back to the offline data when nothing answers at the address", async () => {
    process.env.GEOCODER_URL = "http://127.0.0.1:9/";
    resetGazetteerForTests();
    expect(await resolvePlace("LS6 3AB")).toMatchObject({ label: "LS6 3AB (Headingley, Leeds)" });
  });

  it("leaves town names to the offline data", async () => {
    expect(await resolvePlace("Leeds")).toMatchObject({ label: "Leeds", kind: "town" });
    expect(requested).toEqual([]);
  });

  it("gives null when neither the service nor the offline data knows the area", async () => {
    expect(await resolvePlace("ZZ99 9ZZ")).toBeNull();
  });
});

describe("createGeocoderProvider", () => {
  it("gives up on a slow service after its timeout", async () => {
    const provider = createGeocoderProvider(baseUrl, { timeoutMs: 100 });
    // The service would answer with a point after 300 ms, so nothing back means it gave up at its timeout.
    expect(await provider.resolve("M1 1AA")).toBeNull();
  });

  it("answers the slow request when given time", async () => {
    const provider = createGeocoderProvider(baseUrl, { timeoutMs: 3000 });
    expect(await provider.resolve("M1 1AA")).toMatchObject({ lat: 53.47, lng: -2.23 });
  });
});
