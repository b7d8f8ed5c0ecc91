/**
 * Fetching a document someone else publishes (an HSDS feed page, an .ics
 * calendar) from a URL an organiser typed: only http(s), never an address
 * inside our own network (loopback, private, link-local — SSRF), bounded in
 * time and size. Tests and development may fetch from local servers.
 */
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;

export class FeedFetchError extends Error {}

function localAllowed(): boolean {
  const mode = process.env.NODE_ENV ?? "development";
  return mode === "test" || mode === "development" || process.env.LINKWAY_ALLOW_LOCAL_FEEDS === "1";
}

/** Only unicast addresses on the public internet. */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** The URL as a URL we may fetch, or a FeedFetchError saying why not. */
export async function checkFeedUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FeedFetchError("That is not a web address. It should start with https://");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new FeedFetchError("Only web addresses starting https:// or http:// can be fetched");
  if (url.username || url.password) throw new FeedFetchError("Leave the user name and password out of the web address");
  if (localAllowed()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new FeedFetchError(`The address ${url.hostname} could not be found`);
  }
  if (!addresses.length || !addresses.every(isPublicAddress)) throw new FeedFetchError("That address is inside a private network, so Linkway will not fetch it");
  return url;
}

/** One request, tried again once when a kept-alive connection turns out to have been closed by the server. */
async function fetchOnce(url: URL, accept: string, signal: AbortSignal): Promise<Response> {
  const init: RequestInit = { headers: { Accept: accept, "User-Agent": "Linkway importer" }, redirect: "manual", signal };
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET") throw error;
    return fetch(url, init);
  }
}

/**
 * The body of a URL as text, refusing anything over `maxBytes` or slower than
 * `timeoutMs`. Redirects are followed by hand so each hop is checked again.
 */
export async function fetchFeedText(
  raw: string,
  options: { accept: string; timeoutMs?: number; maxBytes?: number },
): Promise<{ text: string; contentType: string; url: string }> {
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  const signal = AbortSignal.timeout(options.timeoutMs ?? FEED_TIMEOUT_MS);
  let url = await checkFeedUrl(raw);
  try {
    for (let hop = 0; hop < 5; hop++) {
      const response = await fetchOnce(url, options.accept, signal);
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        url = await checkFeedUrl(new URL(response.headers.get("location")!, url).toString());
        continue;
      }
      if (!response.ok) throw new FeedFetchError(`The address answered ${response.status}${response.status === 404 ? " (not found)" : ""}`);
      const declared = Number(response.headers.get("content-length") ?? "0");
      if (declared > maxBytes) throw new FeedFetchError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      const reader = response.body?.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) {
            await reader.cancel();
            throw new FeedFetchError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
          }
          chunks.push(value);
        }
      }
      return { text: Buffer.concat(chunks).toString("utf8"), contentType: response.headers.get("content-type") ?? "", url: url.toString() };
    }
    throw new FeedFetchError("The address redirected too many times");
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw new FeedFetchError("The address took too long to answer");
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    throw new FeedFetchError(`The address could not be reached${cause?.code || cause?.message ? ` (${cause.code ?? cause.message})` : ""}`);
  }
}
