import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

/** Calls a route's loader or action and reports what a browser would get: status, body, headers. */
export interface RouteOutcome {
  status: number;
  body: string;
  headers: Headers;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

async function fromResponse(response: Response): Promise<RouteOutcome> {
  const body = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    data = null;
  }
  return { status: response.status, body, headers: response.headers, location: response.headers.get("Location"), data };
}

export async function callRoute(
  fn: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<RouteOutcome> {
  try {
    const context = { cspNonce: "" } as AppLoadContext;
    const result = await fn({ request, params, context });
    if (result instanceof Response) return fromResponse(result);
    if (isDataWithInit(result)) {
      return {
        status: result.init?.status ?? 200,
        body: JSON.stringify(result.data),
        headers: new Headers(result.init?.headers),
        location: null,
        data: result.data,
      };
    }
    return { status: 200, body: JSON.stringify(result ?? null), headers: new Headers(), location: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown);
    throw thrown;
  }
}

/** The session cookie a response sets, as a Cookie header value. */
export function cookieFrom(outcome: RouteOutcome): string | null {
  const setCookie = outcome.headers.get("Set-Cookie");
  if (!setCookie) return null;
  const [pair] = setCookie.split(";");
  return pair.endsWith("=") ? null : pair;
}
