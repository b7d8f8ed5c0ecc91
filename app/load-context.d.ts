import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce for inline scripts, set by the HTTP server. */
    cspNonce: string;
  }
}
