/**
 * Calls a Remix loader or action directly and reports what a browser would
 * get, whether the handler returned or threw: the status, the body (parsed
 * when it is JSON), the raw text, the headers and any redirect.
 */
import type { AppLoadContext } from "@remix-run/node";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface RouteOutcome<T = any> {
  status: number;
  /** The returned data, or the response body parsed as JSON (its text when it is not JSON). */
  body: T;
  /** The body as the browser would receive it. */
  text: string;
  headers: Headers;
  location: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => unknown;

type RouteArgs = { request: Request; params?: Record<string, string> };

/**
 * Runs a loader or action as Remix would; a thrown Response (redirect, 403, 404, 409) is returned
 * instead, so a test reads what the handler gave back either way.
 */
export async function run<T>(fn: (args: never) => Promise<T>, { request, params = {} }: RouteArgs): Promise<T | Response> {
  try {
    const context = { cspNonce: "" } as AppLoadContext;
    return await fn({ request, params, context } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Runs a loader that should return data; fails the test with the status if it answers with a Response. */
export async function data<T>(fn: (args: never) => Promise<T>, args: RouteArgs): Promise<Exclude<T, Response>> {
  const result = await run(fn, args);
  if (result instanceof Response) throw new Error(`Expected data, got HTTP ${result.status}: ${await result.text()}`);
  return result as Exclude<T, Response>;
}

/** What a browser would get from a loader or action: status, body, text, headers, redirect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callRoute<T = any>(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<RouteOutcome<T>> {
  return normalise<T>(await run(handler as (args: never) => Promise<unknown>, { request, params }));
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

async function normalise<T>(value: unknown): Promise<RouteOutcome<T>> {
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Plain text or HTML: the body is the text.
    }
    return { status: value.status, body: body as T, text, headers: value.headers, location: value.headers.get("Location") };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, body: value.data as T, text: JSON.stringify(value.data), headers, location: headers.get("Location") };
  }
  return { status: 200, body: value as T, text: JSON.stringify(value ?? null), headers: new Headers(), location: null };
}

/** The session cookie a response sets, as a Cookie header value. */
export function cookieFrom(outcome: RouteOutcome): string | null {
  const setCookie = outcome.headers.get("Set-Cookie");
  if (!setCookie) return null;
  const [pair] = setCookie.split(";");
  return pair.endsWith("=") ? null : pair;
}
