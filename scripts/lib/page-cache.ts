/**
 * Public pages kept for a few seconds, as a caching reverse proxy in front of
 * the site would keep them (decision 106). A page is kept only when its route
 * said it may be shared (`Cache-Control: public, …, s-maxage=N`), only for a
 * visitor who sends no cookie and no credentials (a first visit, or someone
 * signed out), and only as a 200 without Set-Cookie. Any write this process
 * handles (a request that is not GET, HEAD or OPTIONS) drops every kept page, before
 * and after it runs; writes in other processes are seen within N seconds.
 *
 * The page keeps the Content-Security-Policy it was rendered under, because
 * its inline scripts carry that header's nonce: everyone served one copy
 * shares one nonce, which an attacker cannot use to run script in that copy,
 * since its content was fixed before the nonce existed.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { LRUCache } from "lru-cache";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { isPrivateRequest } from "../../app/utils/private-caching.server";

export interface KeptPage {
  status: number;
  /** The route's own headers (Remix's response), Set-Cookie never among them. */
  headers: [string, string][];
  /** The Content-Security-Policy whose nonce the page's scripts carry. */
  csp: string | undefined;
  body: Buffer;
  /** Compressed once when kept, so a hit costs no compression. */
  gzipped: Buffer;
  keptAt: number;
}

/**
 * The key a request's page is kept under, or null when it must be rendered for
 * this request alone: anything but GET, a cookie or credentials (the answer may
 * be someone's own), a private link, a range. A hard reload (`Cache-Control:
 * no-cache`) is rendered afresh, and the fresh page is kept.
 */
export function pageKeyFor(req: ExpressRequest): { key: string; fresh: boolean } | null {
  if (req.method !== "GET") return null;
  const h = req.headers;
  if (h.cookie || h.authorization || h.range) return null;
  if (isPrivateRequest(req.path, undefined)) return null;
  const fresh = /\bno-cache\b/i.test(`${h["cache-control"] ?? ""} ${h.pragma ?? ""}`);
  return { key: req.originalUrl, fresh };
}

// On libuv's thread pool: a search page takes ~0.5 ms to compress, which on the main thread every other request waited for.
const gzip = promisify(gzipCallback);

export class PageCache {
  /** Moves on with every write, so a page rendered before a write finished is never kept after it. */
  private generation = 0;
  private readonly pages: LRUCache<string, KeptPage>;
  private readonly rendering = new Map<string, Promise<void>>();
  /** Pages kept before: only their renders are waited for; any other page is rendered for each visitor at once. */
  private readonly shared = new LRUCache<string, true>({ max: 10_000 });
  private readonly now: () => number;

  constructor(options: { maxBytes?: number; now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
    this.pages = new LRUCache<string, KeptPage>({
      // A search page is ~40 kB, ~9 kB gzipped: 32 MB keeps several hundred.
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (page) => page.body.length + page.gzipped.length + 512,
      ttlAutopurge: false,
      // Ask the clock every time (the default caches it for a millisecond on a timer).
      ttlResolution: 0,
      perf: { now: this.now },
    });
  }

  /** What a write does: every kept page goes, and pages being rendered now will not be kept. */
  invalidate(): void {
    this.generation++;
    this.pages.clear();
  }

  get(key: string): { page: KeptPage; ageSeconds: number } | undefined {
    const page = this.pages.get(key);
    return page ? { page, ageSeconds: Math.max(0, Math.floor((this.now() - page.keptAt) / 1000)) } : undefined;
  }

  /** Whether this page has been kept before, so visitors arriving while it is rendered again should wait for that render. */
  isShared(key: string): boolean {
    return this.shared.has(key);
  }

  /** The current generation, for a render nobody waits for (see keep). */
  generationNow(): number {
    return this.generation;
  }

  /** A render of this key already under way (visitors arriving meanwhile wait for it rather than render again). */
  pending(key: string): Promise<void> | undefined {
    return this.rendering.get(key);
  }

  /** Marks a render of `key` as under way; call the returned function when it ends, kept or not. */
  begin(key: string): { generation: number; end: () => void } {
    let end = () => {};
    const done = new Promise<void>((resolve) => (end = resolve));
    this.rendering.set(key, done);
    return {
      generation: this.generation,
      end: () => {
        if (this.rendering.get(key) === done) this.rendering.delete(key);
        end();
      },
    };
  }

  /**
   * Keeps a page rendered since `generation` for `seconds`, unless a write came in between, or while it was being
   * compressed (then `kept` is false).
   */
  async keep(key: string, rendered: Omit<KeptPage, "gzipped" | "keptAt">, seconds: number, generation: number): Promise<{ page: KeptPage; kept: boolean }> {
    const gzipped = await gzip(rendered.body, { level: 6 });
    const page: KeptPage = { ...rendered, gzipped, keptAt: this.now() };
    const kept = generation === this.generation && seconds > 0;
    if (kept) {
      this.pages.set(key, page, { ttl: seconds * 1000 });
      this.shared.set(key, true);
    }
    return { page, kept };
  }
}

/** Sends a kept page: its own headers and CSP, its age, gzipped when the browser takes gzip and we compress. */
export function sendKeptPage(req: ExpressRequest, res: ExpressResponse, page: KeptPage, ageSeconds: number, compress: boolean) {
  res.status(page.status);
  for (const [name, value] of page.headers) res.append(name, value);
  if (page.csp) res.setHeader("Content-Security-Policy", page.csp);
  res.setHeader("Age", String(ageSeconds));
  res.vary("Accept-Encoding");
  const gzip = compress && /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzipped : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", String(body.length));
  res.end(body);
}
