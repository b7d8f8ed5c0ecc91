/**
 * Decision 106: the built site keeps a public page for ten seconds for
 * visitors who are not signed in, as a caching proxy would, and drops every
 * kept page when it handles a write. Run against the real site (`npm start`'s
 * script) in its own process, with the activity changed behind its back in
 * the database, as another web process or the worker would change it.
 *
 * Needs PostgreSQL: the site's process and the test share the database.
 * Uses the built site (built here first if the code is newer).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities } from "../../db/schema";
import { buildIfNeeded } from "../../scripts/lib/build";
import { createActivity } from "../factories";
import { freePort, startScript, stopAllStarted } from "../setup/processes";

const onPostgres = Boolean(process.env.TEST_SERVER_DATABASE_URL);
const metricsToken = "page-cache-test-metrics-token";

/** The nonce the page's scripts carry, and the one its Content-Security-Policy allows. */
function nonces(response: Response, html: string) {
  const inPage = new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]));
  const allowed = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  return { inPage: [...inPage], allowed };
}

describe.skipIf(!onPostgres)("public pages kept for signed-out visitors (PostgreSQL only)", () => {
  let base = "";
  let activityId = "";

  beforeAll(async () => {
    await buildIfNeeded();
    activityId = (await createActivity({ title: "Morning Walk" })).id;
    const port = await freePort();
    await startScript(
      "scripts/start.ts",
      { DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), RUN_WORKER: "false", SEED_DEMO: "false", DATABASE_POOL_SIZE: "3", METRICS_TOKEN: metricsToken },
      /Linkway is running at/,
      120_000,
    );
    base = `http://127.0.0.1:${port}`;
  }, 600_000);

  afterAll(() => stopAllStarted("SIGKILL"), 30_000);

  const retitle = async (title: string) => (await getDb()).update(activities).set({ title }).where(eq(activities.id, activityId));
  const visit = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/activities/${activityId}`, { headers });
    const html = await response.text();
    expect(response.status).toBe(200);
    return { response, html, title: /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] };
  };

  it("serves a signed-out visitor the page kept seconds ago, whose scripts its security policy still allows", async () => {
    const first = await visit();
    expect(first.title).toBe("Morning Walk");
    expect(first.response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=10");

    await retitle("Evening Walk");
    const second = await visit();
    // Changed in the database by someone else: the kept page is served until its ten seconds are up.
    expect(second.title).toBe("Morning Walk");
    expect(second.response.headers.get("age")).toMatch(/^\d+$/);
    const { inPage, allowed } = nonces(second.response, second.html);
    expect(inPage.length).toBe(1);
    expect(inPage[0]).toBe(allowed);

    // Someone signed in (any of our cookies) always gets the page rendered for them, never kept.
    const signedIn = await visit({ Cookie: "linkway_session=not-a-real-session" });
    expect(signedIn.title).toBe("Evening Walk");
    expect(signedIn.response.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.response.headers.get("age")).toBeNull();

    // A hard reload renders afresh, and what it rendered is kept for the next visitor.
    expect((await visit({ "Cache-Control": "no-cache" })).title).toBe("Evening Walk");
    expect((await visit()).title).toBe("Evening Walk");
  });

  it("drops every kept page as soon as the site handles a write", async () => {
    expect((await visit()).title).toBe("Evening Walk");
    await retitle("Afternoon Walk");
    // Any write will do: here a sign-out, which is a form post.
    const posted = await fetch(`${base}/logout`, { method: "POST", headers: { Origin: base }, redirect: "manual" });
    expect(posted.status).toBeLessThan(400);
    const after = await visit();
    expect(after.title).toBe("Afternoon Walk");
    expect(after.response.headers.get("age")).toBe("0");
  });

  it("counts the pages served as kept and the pages kept, for the operator's metrics", async () => {
    const count = async (outcome: string) => {
      const text = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })).text();
      return Number(new RegExp(`^linkway_page_cache_answers_total\\{outcome="${outcome}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
    };
    const [hits, kept] = [await count("hit"), await count("kept")];
    expect(hits).toBeGreaterThan(0);
    await fetch(`${base}/logout`, { method: "POST", headers: { Origin: base }, redirect: "manual" });
    await visit();
    await visit();
    expect([await count("hit"), await count("kept")]).toEqual([hits + 1, kept + 1]);
  });
});
