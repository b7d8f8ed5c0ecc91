/**
 * The bad-input suite, generated from the route list: every route with an
 * action, and every API, gets the bodies and query strings a careless client
 * or an attacker sends — JSON or plain text where a form belongs, a broken
 * multipart body, NUL bytes, an empty post, a body over the size limit, a
 * field repeated past the limit — anonymously and signed in as the kind of
 * person the route is for. Each must answer a 4xx with a message (or, for
 * someone signed out of a members' page, the way to sign in), never a 500,
 * and write nothing to any table. A route added to `app/routes` is covered
 * without touching this file; one that needs different parameters to reach
 * its form is named in `paramsFor`.
 */
import express from "express";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb, queryRows } from "../../db/client";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";
import { applyRequestGuards } from "../../scripts/lib/server";
import { maxBodyBytes } from "../../scripts/lib/body-limits";
import { withInvalidFormStatus } from "~/utils/invalid-form-status.server";
import { callRoute, type RouteOutcome } from "../setup/routes";
import { cookieFor } from "../setup/auth";
import { createActivity, createSession } from "../factories";
import { createOrganiser, createReferrer, refer } from "../factories/referrals";
import { createAccount } from "../factories/accounts";
import { createBooking } from "../factories/referral-rows";

const appDirectory = path.resolve(import.meta.dirname, "../../app");

interface RouteEntry {
  id: string;
  /** The URL pattern, e.g. /referrals/:id */
  pattern: string;
  file: string;
}

/** Every route Remix serves, from the same file conventions as app/routes.ts. */
function routeList(): RouteEntry[] {
  const manifest = flatRoutes(appDirectory, ["**/*.test.ts", "**/*.test.tsx", "**/*.server.ts"], "routes");
  const fullPath = (id: string | undefined): string => {
    const route = id ? manifest[id] : undefined;
    if (!route) return "";
    const parent = fullPath(route.parentId);
    return route.path ? `${parent}/${route.path}` : parent;
  };
  return Object.values(manifest).map((route) => ({ id: route.id, pattern: fullPath(route.id) || "/", file: route.file }));
}

type Kind = "organiser" | "referrer" | "admin";

/** Who a members' route is for, by where it lives; everything else is tried as an organiser. */
function kindFor(pattern: string): Kind {
  if (/^\/(referrals|reports)\b/.test(pattern)) return "referrer";
  if (/^\/admin\b/.test(pattern)) return "admin";
  return "organiser";
}

interface Fixtures {
  cookies: Record<Kind, string>;
  organisationId: string;
  activityId: string;
  sessionId: string;
  referralId: string;
  personToken: string;
  bookingId: string;
}

/** Real ids of the signed-in people's own things, so each request reaches the route's form, not its 404. */
function paramsFor(route: RouteEntry, f: Fixtures): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.pattern.matchAll(/:(\w+)/g)) {
    const p = route.pattern;
    if (name === "bookingId") params[name] = f.bookingId;
    else if (name === "token") params[name] = p.startsWith("/r/") ? f.personToken : "not-a-real-token-0123456789";
    else if (name === "id" && /^\/(organiser\/)?activities\//.test(p)) params[name] = f.activityId;
    else if (name === "id" && p.startsWith("/organisations/")) params[name] = f.organisationId;
    else if (name === "id" && /^\/(organiser\/)?sessions\//.test(p)) params[name] = f.sessionId;
    else if (name === "id" && /referrals\//.test(p)) params[name] = f.referralId;
    else params[name] = name === "id" ? randomUUID() : "x";
  }
  if (route.pattern.endsWith("/*")) params["*"] = "x";
  return params;
}

function urlFor(route: RouteEntry, params: Record<string, string>): string {
  return route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name]).replace(/\/\*$/, `/${params["*"] ?? ""}`);
}

/** Row counts of every table: a refusal writes nothing anywhere. */
async function countAllRows(): Promise<Record<string, number>> {
  const db = await getDb();
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const union = sql.join(
    tables.map((t) => sql`select ${t.name} as name, count(*)::int as n from ${sql.identifier(t.name)}`),
    sql` union all `,
  );
  const rows = await queryRows<{ name: string; n: number }>(db, union);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

const origin = "http://localhost:3000";
const NUL = "\u0000";
// Field names forms on the site use; each is sent as nothing but control characters.
const commonFields = ["intent", "formId", "email", "password", "name", "organisationName", "title", "summary", "description", "note", "notes", "reason", "code", "firstName", "lastName", "report", "q", "category", "label"];

interface BadBody {
  name: string;
  contentType: string | null;
  body: string;
  /** A form a route may read (its fields empty once control characters are gone), rather than something that is not a form at all. */
  formLike: boolean;
}

const is4xx = (status: number) => status >= 400 && status < 500;

const badBodies: BadBody[] = [
  { name: "JSON where a form belongs", contentType: "application/json", body: JSON.stringify({ email: "a@b.test", password: "x" }), formLike: false },
  { name: "plain text", contentType: "text/plain", body: "hello", formLike: false },
  {
    name: "a broken multipart body",
    contentType: "multipart/form-data; boundary=----x",
    body: "------x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
    formLike: false,
  },
  { name: "only NUL bytes in every field", contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(commonFields.map((f) => [f, `${NUL}${NUL}`])).toString(), formLike: true },
  { name: "an empty post", contentType: null, body: "", formLike: true },
];

/** A refusal a person can act on: words, not an empty body or a stack trace. */
function hasMessage(outcome: RouteOutcome): boolean {
  return /[A-Za-z]{3,}.*[A-Za-z]{3,}/.test(outcome.text) && !/\bat .+\.(ts|js):\d+/.test(outcome.text);
}

/** Someone signed out of a members' page is sent to sign in; that is a refusal too (nothing is written either way). */
function isSignInRedirect(outcome: RouteOutcome): boolean {
  return outcome.status >= 300 && outcome.status < 400 && (outcome.location ?? "").startsWith("/login");
}

/**
 * Actions for which an empty form is a complete, legitimate request. Each has
 * its reason; anything else that accepts an empty form fails the suite.
 */
const emptyFormIsARequest: Record<string, string> = {
  "routes/logout": "signing out is a bare button; its fields are ignored",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteModule = { action?: (args: any) => unknown; loader?: (args: any) => unknown };

const routes = routeList();
const modules = new Map<string, RouteModule>();
let fixtures: Fixtures;

beforeAll(async () => {
  for (const route of routes) modules.set(route.id, (await import(path.join(appDirectory, route.file))) as RouteModule);
  const organiser = await createOrganiser();
  const referrer = await createReferrer();
  const admin = await createAccount();
  const db = await getDb();
  await db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
  const activity = await createActivity({ organisationId: organiser.organisation.id, selfReferral: true });
  const session = await createSession(activity.id);
  const referral = await refer(activity.id, referrer);
  const booking = await createBooking(referral.id, session.id);
  fixtures = {
    cookies: { organiser: await cookieFor(organiser.user.id), referrer: await cookieFor(referrer.user.id), admin: await cookieFor(admin.id) },
    organisationId: organiser.organisation.id,
    activityId: activity.id,
    sessionId: session.id,
    referralId: referral.id,
    personToken: referral.token,
    bookingId: booking.id,
  };
});

const actionRoutes = () => routes.filter((r) => modules.get(r.id)?.action);

function post(url: string, bad: BadBody, cookie: string | null): Request {
  const headers = new Headers({ Origin: origin });
  if (bad.contentType) headers.set("Content-Type", bad.contentType);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${origin}${url}`, { method: "POST", headers, body: bad.body === "" ? undefined : bad.body });
}

describe("the route list", () => {
  it("is read from app/routes and includes the forms the issue named", () => {
    const patterns = routes.map((r) => r.pattern);
    expect(patterns).toEqual(expect.arrayContaining(["/login", "/forgot-password", "/referrals/:id", "/r/:token/bookings/:bookingId/self-report", "/api/search"]));
    expect(actionRoutes().length).toBeGreaterThan(40);
  });
});

describe("every action refuses bad bodies with a 4xx and a message, and writes nothing", () => {
  it("for each route with an action, signed out and signed in as the person it is for", async () => {
    const failures: string[] = [];
    for (const route of actionRoutes()) {
      const params = paramsFor(route, fixtures);
      const url = urlFor(route, params);
      const action = withInvalidFormStatus(modules.get(route.id)!.action!);
      for (const who of [null, kindFor(route.pattern)] as const) {
        const cookie = who ? fixtures.cookies[who] : null;
        for (const bad of badBodies) {
          if (bad.formLike && emptyFormIsARequest[route.id]) continue;
          const before = await countAllRows();
          let outcome: RouteOutcome;
          try {
            outcome = await callRoute(action, post(url, bad, cookie), params);
          } catch (error) {
            failures.push(`${route.pattern} (${who ?? "signed out"}, ${bad.name}): threw ${String(error).slice(0, 200)}`);
            continue;
          }
          const after = await countAllRows();
          const label = `${route.pattern} (${who ?? "signed out"}, ${bad.name})`;
          // The two-step sign-in page sends anyone without a half-finished sign-in back to sign in.
          const refused = is4xx(outcome.status) || isSignInRedirect(outcome);
          if (!refused) failures.push(`${label}: answered ${outcome.status} ${outcome.location ?? outcome.text.slice(0, 120)}`);
          else if (is4xx(outcome.status) && !hasMessage(outcome)) failures.push(`${label}: ${outcome.status} without a message: ${outcome.text.slice(0, 120)}`);
          const written = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (written.length > 0) failures.push(`${label}: wrote to ${written.join(", ")}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe("every API refuses a bad query string with a 4xx and a message, never a 500", () => {
  const hostileQuery = new URLSearchParams([
    ["q", `a${NUL}b`],
    ["page", "-1"],
    ["per_page", "99999999999"],
    ["lat", "north"],
    ["lng", "NaN"],
    ["radius", "1e999"],
    ["postcode", NUL],
    ["taxonomy_id", "'; drop table activities; --"],
  ]).toString();
  const repeated = Array.from({ length: 150 }, () => "q=a").join("&");

  it("for each /api/ loader", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.pattern.startsWith("/api/") && modules.get(r.id)?.loader)) {
      const params = paramsFor(route, fixtures);
      const url = urlFor(route, params);
      const loader = modules.get(route.id)!.loader!;
      const before = await countAllRows();
      const hostile = await callRoute(loader, new Request(`${origin}${url}?${hostileQuery}`), params).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (hostile instanceof Error) failures.push(`${route.pattern} hostile query: threw ${hostile.message.slice(0, 200)}`);
      else if (hostile.status >= 500) failures.push(`${route.pattern} hostile query: ${hostile.status}`);
      else if (is4xx(hostile.status) && !hasMessage(hostile)) failures.push(`${route.pattern} hostile query: ${hostile.status} without a message`);
      // A loader that reads its query refuses this one; one that ignores its query may answer as usual.
      const tooMany = await callRoute(loader, new Request(`${origin}${url}?${repeated}`), params).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (tooMany instanceof Error) failures.push(`${route.pattern} repeated field: threw ${tooMany.message.slice(0, 200)}`);
      else if (tooMany.status >= 500 || (tooMany.status === 200 && route.pattern.endsWith("/api/hsds/services"))) failures.push(`${route.pattern} repeated field: ${tooMany.status} ${tooMany.text.slice(0, 120)}`);
      else if (is4xx(tooMany.status) && typeof tooMany.body?.error !== "string" && !hasMessage(tooMany)) failures.push(`${route.pattern} repeated field: ${tooMany.status} without a message`);
      const after = await countAllRows();
      // A search is logged for the demand map (decision 023); nothing else is written by reading.
      const written = Object.keys(after).filter((table) => after[table] !== before[table] && table !== "search_log");
      if (written.length > 0) failures.push(`${route.pattern}: wrote to ${written.join(", ")}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe("through the server's request guards", () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    applyRequestGuards(app, { PUBLIC_URL: undefined, PORT: 3000 });
    // Reaching a route past the guards is a failure for these bodies; the route list tells which page it was.
    app.all("*", (req, res) => res.status(599).send(`reached ${req.path}`));
    ({ base, close } = await listenOnFreePort(app));
  });
  afterAll(() => close());

  it("refuses an oversized form, JSON and a field repeated past the limit to every action, before any route runs", async () => {
    const failures: string[] = [];
    // One byte past what this page accepts from this user (upload pages take more, signed in).
    const oversized = (url: string, cookie: string | undefined) => `note=${"a".repeat(maxBodyBytes(url, cookie) + 1)}`;
    const repeats = Array.from({ length: 200 }, () => "note=a").join("&");
    for (const route of actionRoutes()) {
      const url = urlFor(route, paramsFor(route, fixtures));
      const cookie = fixtures.cookies[kindFor(route.pattern)];
      const cases = [
        { name: "oversized", type: "application/x-www-form-urlencoded", body: oversized(url, cookie), status: 413 },
        { name: "repeated field", type: "application/x-www-form-urlencoded", body: repeats, status: 400 },
        { name: "JSON", type: "application/json", body: "{}", status: url.startsWith("/api/texts/") ? null : 415 },
      ];
      for (const c of cases) {
        if (c.status === null) continue;
        const headers = { "Content-Type": c.type, Origin: origin, Cookie: cookie };
        const answer = await fetch(`${base}${url}`, { method: "POST", headers, body: c.body })
          .then(async (response) => ({ status: response.status, text: await response.text() }))
          .catch((error: Error) => ({ status: 0, text: error.message }));
        if (answer.status !== c.status || !/[A-Za-z]{3,}/.test(answer.text)) failures.push(`${route.pattern} ${c.name}: ${answer.status} ${answer.text.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("refuses a query string with a field repeated past the limit to every API, as JSON", async () => {
    const failures: string[] = [];
    const repeated = Array.from({ length: 150 }, () => "q=a").join("&");
    for (const route of routes.filter((r) => r.pattern.startsWith("/api/"))) {
      const response = await fetch(`${base}${urlFor(route, paramsFor(route, fixtures))}?${repeated}`);
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      if (response.status !== 400 || typeof body?.error !== "string") failures.push(`${route.pattern}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
