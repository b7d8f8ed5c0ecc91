import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

coalesceManifestFetches();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

/**
 * Remix's lazy route discovery asks `/__manifest` about the page's links after
 * hydration, and again 100 ms after any change to the page (a map or button
 * that appears once JavaScript runs). It marks links as known only when the
 * answer arrives, so on a phone's slow round trip the same question went out
 * two or three times. An identical request already on its way is shared.
 */
function coalesceManifestFetches() {
  const fetch = window.fetch.bind(window);
  const inFlight = new Map<string, Promise<Response>>();
  window.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    // A request that can be cancelled (a navigation's) goes alone, so cancelling it cancels nobody else's.
    if (!url || init?.signal || (init?.method && init.method !== "GET") || new URL(url, location.href).pathname !== "/__manifest") return fetch(input, init);
    let shared = inFlight.get(url);
    if (!shared) {
      shared = fetch(input, init).finally(() => inFlight.delete(url));
      inFlight.set(url, shared);
    }
    return shared.then((response) => response.clone());
  };
}
