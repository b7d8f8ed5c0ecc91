/** Calls a Remix loader or action directly and normalises what comes back (returned or thrown). */
export interface RouteOutcome<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => unknown;

export async function callRoute<T = any>(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<RouteOutcome<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    return await normalise<T>(await handler({ request, params, context: { cspNonce: "" } }));
  } catch (thrown) {
    if (thrown instanceof Response) return normalise<T>(thrown);
    throw thrown;
  }
}

async function normalise<T>(value: unknown): Promise<RouteOutcome<T>> {
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // plain text
    }
    return { status: value.status, body: body as T, headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: T; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, body: d.data, headers: new Headers(d.init?.headers) };
  }
  return { status: 200, body: value as T, headers: new Headers() };
}
