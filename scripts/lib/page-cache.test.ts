import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { PageCache } from "./page-cache";
import { SHARED_PAGE_CACHE_CONTROL, sharedMaxAgeSeconds } from "../../app/utils/private-caching.server";

const page = (text: string) => ({ status: 200, headers: [["content-type", "text/html"]] as [string, string][], csp: "script-src 'nonce-abc'", body: Buffer.from(text) });

describe("which answers a shared cache may keep", () => {
  it("keeps a public page for its s-maxage, and nothing private, uncacheable or without s-maxage", () => {
    expect(sharedMaxAgeSeconds(SHARED_PAGE_CACHE_CONTROL)).toBe(10);
    expect(sharedMaxAgeSeconds("public, s-maxage=30")).toBe(30);
    expect(sharedMaxAgeSeconds("public, max-age=300")).toBe(0);
    expect(sharedMaxAgeSeconds("private, no-store")).toBe(0);
    expect(sharedMaxAgeSeconds("public, no-store, s-maxage=10")).toBe(0);
    expect(sharedMaxAgeSeconds("no-store")).toBe(0);
    expect(sharedMaxAgeSeconds(null)).toBe(0);
  });
});

describe("kept pages", () => {
  it("are served until their time is up, with their age", async () => {
    let now = 1_000_000;
    const cache = new PageCache({ now: () => now });
    const render = cache.begin("/search?q=walk");
    await cache.keep("/search?q=walk", page("walks"), 10, render.generation);
    render.end();
    now += 4_500;
    const hit = cache.get("/search?q=walk");
    expect(hit?.page.body.toString()).toBe("walks");
    expect(hit?.ageSeconds).toBe(4);
    expect(gunzipSync(hit!.page.gzipped).toString()).toBe("walks");
    expect(hit?.page.csp).toBe("script-src 'nonce-abc'");
    now += 6_000;
    expect(cache.get("/search?q=walk")).toBeUndefined();
  });

  it("all go when this process handles a write, and a page rendered before the write ended is not kept", async () => {
    const cache = new PageCache();
    await cache.keep("/", page("home"), 10, cache.begin("/").generation);
    const slow = cache.begin("/activities/1");
    cache.invalidate();
    expect(cache.get("/")).toBeUndefined();
    expect((await cache.keep("/activities/1", page("three places left"), 10, slow.generation)).kept).toBe(false);
    expect(cache.get("/activities/1")).toBeUndefined();
    await cache.keep("/activities/1", page("two places left"), 10, cache.begin("/activities/1").generation);
    expect(cache.get("/activities/1")?.page.body.toString()).toBe("two places left");
  });

  it("are not kept when a write comes in while they are being compressed", async () => {
    const cache = new PageCache();
    const keeping = cache.keep("/activities/1", page("three places left"), 10, cache.begin("/activities/1").generation);
    cache.invalidate();
    const { page: sent, kept } = await keeping;
    expect(kept).toBe(false);
    // The visitor who asked still gets the page, compressed.
    expect(gunzipSync(sent.gzipped).toString()).toBe("three places left");
    expect(cache.get("/activities/1")).toBeUndefined();
  });

  it("let visitors wait for a render under way instead of rendering the same page again", async () => {
    const cache = new PageCache();
    const render = cache.begin("/");
    const waiting = cache.pending("/");
    expect(waiting).toBeDefined();
    let served: string | undefined;
    const visitor = waiting!.then(() => (served = cache.get("/")?.page.body.toString()));
    await cache.keep("/", page("home"), 10, render.generation);
    render.end();
    await visitor;
    expect(served).toBe("home");
    expect(cache.pending("/")).toBeUndefined();
  });

  it("are waited for only when the page was kept before: a page never kept is rendered for each visitor at once", async () => {
    const cache = new PageCache();
    expect(cache.isShared("/login")).toBe(false);
    await cache.keep("/search?q=walk", page("walks"), 10, cache.generationNow());
    cache.invalidate();
    // Dropped by a write, but still known as a shared page: the next render of it is waited for.
    expect(cache.get("/search?q=walk")).toBeUndefined();
    expect(cache.isShared("/search?q=walk")).toBe(true);
    expect(cache.isShared("/login")).toBe(false);
  });

  it("stay within their memory bound, the least recently used going first", async () => {
    const cache = new PageCache({ maxBytes: 3 * (1000 + 512 + 100) });
    const big = (n: number) => page(String(n).repeat(1000));
    for (const n of [1, 2, 3]) await cache.keep(`/p${n}`, big(n), 10, cache.begin(`/p${n}`).generation);
    cache.get("/p1");
    await cache.keep("/p4", big(4), 10, cache.begin("/p4").generation);
    expect(cache.get("/p2")).toBeUndefined();
    expect(cache.get("/p1")).toBeDefined();
    expect(cache.get("/p4")).toBeDefined();
  });
});
