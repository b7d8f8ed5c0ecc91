/**
 * The text-message adapters against a local HTTP server that imitates the
 * documented GOV.UK Notify API (POST /v2/notifications/sms, GET
 * /v2/notifications?reference=…, JWT bearer auth) and a generic gateway:
 * the request and response shapes, outages (queued, retried with backoff,
 * never lost, never sent twice) and permanent refusals (recorded, shown).
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb } from "../../db/client";
import { outbox, textMessages } from "../../db/schema";
import { deliverPendingTexts, httpProvider, listTextFailures, notifyProvider, queueText, recordTextStatus } from "~/modules/notifications/index.server";
import { action as inboundAction } from "~/routes/api.texts.inbound/route";
import { action as statusAction } from "~/routes/api.texts.status/route";
import { loader as caseLoader } from "~/routes/referrals.$id/route";
import { createActivity } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";

const callbackToken = vi.hoisted(() => {
  const token = "callback-token-for-tests-0123456789";
  process.env.TEXT_CALLBACK_TOKEN = token;
  return token;
});

const serviceId = randomUUID();
const secret = randomUUID();
const apiKey = `linkway_test-${serviceId}-${secret}`;
const templateId = randomUUID();

interface Sent {
  id: string;
  phone_number: string;
  template_id: string;
  personalisation: { body: string };
  reference: string;
}

/** What the imitation Notify does with the next request: behave, fail, or accept and then fail (a lost response). */
let mode: "ok" | "down" | "accept-then-fail" = "ok";
const sent: Sent[] = [];
const gatewayRequests: { headers: IncomingMessage["headers"]; body: unknown }[] = [];
let server: Server;
let base: string;
let close: () => Promise<void>;

function jwtValid(header: string | undefined): boolean {
  const token = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  if (!token) return false;
  const [head, payload, signature] = token.split(".");
  const expected = createHmac("sha256", secret).update(`${head}.${payload}`).digest("base64url");
  if (expected !== signature) return false;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { iss: string; iat: number };
  return claims.iss === serviceId && Math.abs(Date.now() / 1000 - claims.iat) < 30;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : null;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/gateway") {
      gatewayRequests.push({ headers: req.headers, body: await bodyOf(req) });
      const to = (gatewayRequests.at(-1)!.body as { to: string }).to;
      return to === "+447700900000" ? reply(422, { error: "number not in use" }) : reply(200, { id: `gw-${gatewayRequests.length}` });
    }
    if (!jwtValid(req.headers.authorization)) return reply(403, { status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: signature, api token not found" }] });
    if (mode === "down") return reply(500, { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
    if (req.method === "POST" && url.pathname === "/v2/notifications/sms") {
      const body = (await bodyOf(req)) as Omit<Sent, "id">;
      if (!/^\+447\d{9}$/.test(body.phone_number) || body.phone_number === "+447700900000") {
        return reply(400, { status_code: 400, errors: [{ error: "ValidationError", message: "phone_number Not a UK mobile number" }] });
      }
      const id = randomUUID();
      sent.push({ id, ...body });
      if (mode === "accept-then-fail") return reply(502, { status_code: 502, errors: [{ error: "BadGateway", message: "upstream went away" }] });
      return reply(201, {
        id,
        reference: body.reference,
        content: { body: body.personalisation.body, from_number: "LINKWAY" },
        uri: `${base}/v2/notifications/${id}`,
        template: { id: body.template_id, version: 1, uri: `${base}/v2/template/${body.template_id}` },
      });
    }
    if (req.method === "GET" && url.pathname === "/v2/notifications") {
      const reference = url.searchParams.get("reference");
      const found = sent.filter((s) => s.reference === reference && url.searchParams.get("template_type") === "sms");
      return reply(200, { notifications: found.map((s) => ({ id: s.id, reference: s.reference, type: "sms", status: "sending" })), links: { current: url.toString() } });
    }
    reply(404, { status_code: 404, errors: [{ error: "NotFound", message: "Not found" }] });
  });
  ({ base, close } = await listenOnFreePort(server));
});

afterAll(() => close());

async function queue(to: string, text: string, key = `person:${randomUUID()}`) {
  const db = await getDb();
  await queueText(db, { to, text, tail: "https://linkway.example.org/n/abc.def" }, { key });
  const [row] = await db.select().from(outbox).where(eq(outbox.key, key));
  return { key, row };
}

async function outboxRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("the GOV.UK Notify adapter", () => {
  it("sends the documented request, signed for the service, and keeps Notify's id", async () => {
    const provider = notifyProvider(apiKey, templateId, base);
    const { key, row } = await queue("+447700900123", "Hello Edith. Did you call an old friend today?");
    expect(await deliverPendingTexts({ provider, now: later(1) })).toBe(1);
    const mine = sent.filter((s) => s.reference === `linkway-${row.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      phone_number: "+447700900123",
      template_id: templateId,
      personalisation: { body: "Hello Edith. Did you call an old friend today? https://linkway.example.org/n/abc.def" },
    });
    const db = await getDb();
    const [record] = await db.select().from(textMessages).where(eq(textMessages.key, key));
    expect(record).toMatchObject({ provider: "notify", providerId: mine[0].id, status: "sent" });
    // A settled text keeps its address, never its words.
    expect((await outboxRow(row.id)).payload).toEqual({ to: "+447700900123" });
  });

  it("leaves texts queued through an outage, retries with backoff, and sends each once", async () => {
    const provider = notifyProvider(apiKey, templateId, base);
    const { row } = await queue("+447700900124", "Did you walk today?");
    mode = "down";
    expect(await deliverPendingTexts({ provider, now: later(1) })).toBe(0);
    const waiting = await outboxRow(row.id);
    expect(waiting).toMatchObject({ attempts: 1, processedAt: null });
    expect(waiting.lastError).toContain("Notify 500");
    expect(waiting.availableAt.getTime()).toBeGreaterThan(later(1).getTime());

    // Notify takes the text but the answer is lost: the retry finds it by reference instead of sending again.
    mode = "accept-then-fail";
    expect(await deliverPendingTexts({ provider, now: later(3) })).toBe(0);
    mode = "ok";
    expect(await deliverPendingTexts({ provider, now: later(10) })).toBe(1);
    expect(sent.filter((s) => s.reference === `linkway-${row.id}`)).toHaveLength(1);
    expect((await outboxRow(row.id)).processedAt).not.toBeNull();
  });

  it("records a number Notify refuses at once, does not retry it, and shows why", async () => {
    const provider = notifyProvider(apiKey, templateId, base);
    const { key, row } = await queue("+447700900000", "Did you walk today?");
    expect(await deliverPendingTexts({ provider, now: later(1) })).toBe(0);
    const parked = await outboxRow(row.id);
    expect(parked.processedAt).not.toBeNull();
    expect(parked.lastError).toContain("Not a UK mobile number");
    expect(await listTextFailures([key])).toMatchObject([{ to: "+447700900000", failure: "number not in use" }]);
  });

  it("refuses a wrong key: the text waits", async () => {
    const provider = notifyProvider(`linkway_test-${serviceId}-${randomUUID()}`, templateId, base);
    const { row } = await queue("+447700900125", "Did you walk today?");
    expect(await deliverPendingTexts({ provider, now: later(1) })).toBe(0);
    expect(await outboxRow(row.id)).toMatchObject({ processedAt: null, attempts: 1 });
    // Settled here, so the other tests' deliveries do not pick it up.
    const db = await getDb();
    await db.update(outbox).set({ processedAt: new Date() }).where(eq(outbox.id, row.id));
  });

  it("marks a text failed from a delivery receipt, through the bearer-token callback", async () => {
    const provider = notifyProvider(apiKey, templateId, base);
    const { key, row } = await queue("+447700900126", "Did you walk today?");
    await deliverPendingTexts({ provider, now: later(1) });
    const notifyId = sent.find((s) => s.reference === `linkway-${row.id}`)!.id;
    const receipt = { id: notifyId, reference: `linkway-${row.id}`, to: "+447700900126", status: "permanent-failure", created_at: new Date().toISOString(), notification_type: "sms" };
    const refused = await callRoute(statusAction, new Request("http://localhost/api/texts/status", { method: "POST", body: JSON.stringify(receipt) }));
    expect(refused.status).toBe(401);
    const accepted = await callRoute(
      statusAction,
      new Request("http://localhost/api/texts/status", { method: "POST", headers: { Authorization: `Bearer ${callbackToken}` }, body: JSON.stringify(receipt) }),
    );
    expect(accepted.status).toBe(200);
    expect(await listTextFailures([key])).toMatchObject([{ failure: "number not in use, or the phone cannot take texts" }]);
    expect(await recordTextStatus({ id: "unknown", status: "delivered" })).toBe(false);
  });

  it("takes replies only with the bearer token, and refuses a malformed one with a 400", async () => {
    const unauthorised = await callRoute(inboundAction, new Request("http://localhost/api/texts/inbound", { method: "POST", body: JSON.stringify({ source_number: "447700900123", message: "STOP" }) }));
    expect(unauthorised.status).toBe(401);
    const malformed = await callRoute(
      inboundAction,
      new Request("http://localhost/api/texts/inbound", { method: "POST", headers: { Authorization: `Bearer ${callbackToken}` }, body: "{" }),
    );
    expect(malformed.status).toBe(400);
    const ignored = await callRoute(
      inboundAction,
      new Request("http://localhost/api/texts/inbound", {
        method: "POST",
        headers: { Authorization: `Bearer ${callbackToken}` },
        body: JSON.stringify({ id: randomUUID(), source_number: "447700900123", destination_number: "07700900000", message: "STOP", date_received: new Date().toISOString() }),
      }),
    );
    expect(ignored).toMatchObject({ status: 200, body: { outcome: "ignored" } });
  });
});

describe("the generic HTTP gateway adapter", () => {
  it("posts JSON with the reference as Idempotency-Key, the same on a retry", async () => {
    const provider = httpProvider(`${base}/gateway`, "gateway-token");
    const { row } = await queue("+447700900127", "Did you walk today?");
    expect(await deliverPendingTexts({ provider, now: later(1) })).toBe(1);
    const request = gatewayRequests.at(-1)!;
    expect(request.headers["idempotency-key"]).toBe(`linkway-${row.id}`);
    expect(request.headers.authorization).toBe("Bearer gateway-token");
    expect(request.body).toMatchObject({ to: "+447700900127", reference: `linkway-${row.id}` });
  });

  it("parks a text the gateway refuses for good", async () => {
    const provider = httpProvider(`${base}/gateway`, undefined);
    const { key } = await queue("+447700900000", "Did you walk today?");
    await deliverPendingTexts({ provider, now: later(1) });
    expect(await listTextFailures([key])).toHaveLength(1);
    const db = await getDb();
    const rows = await db.select().from(textMessages).orderBy(asc(textMessages.id));
    expect(rows.at(-1)).toMatchObject({ status: "failed", provider: "http" });
  });
});

describe("a text that did not arrive, on the referrer's page", () => {
  it("shows the failure in words next to the person's number", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: false });
    const person = await refer(activity.id, referrer, { email: undefined, phone: "07700 900000", preferredContact: "sms" });
    await deliverPendingTexts({ provider: notifyProvider(apiKey, templateId, base), now: later(1) });
    const page = await callRoute(caseLoader, await requestAs(referrer.user.id, `/referrals/${person.id}`), { id: person.id });
    expect(page.body.textFailures).toMatchObject([{ to: "07700 900000", failure: "number not in use" }]);
  });
});
