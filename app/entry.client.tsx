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
 * two or three times. An identical request on its way, or answered in the last
 * few seconds, is shared.
 */
function coalesceManifestFetches() {
  const fetch = window.fetch.bind(window);
  const asked = new Map<string, Promise<Response>>();
  window.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    // A request that can be cancelled (a navigation's) goes alone, so cancelling it cancels nobody else's.
    if (!url || init?.signal || (init?.method && init.method !== "GET") || new URL(url, location.href).pathname !== "/__manifest") return fetch(input, init);
    let shared = asked.get(url);
    if (!shared) {
      // Kept a few seconds after it answers: Remix marks the links known only once it has read the answer, and a
      // check that runs in between (the page changed meanwhile) asked the same question again.
      // A failed one is forgotten at once, so the next check asks again.
      shared = fetch(input, init).then(
        (response) => {
          if (response.ok) setTimeout(() => asked.delete(url), 5_000);
          else asked.delete(url);
          return response;
        },
        (error: unknown) => {
          asked.delete(url);
          throw error;
        },
      );
      asked.set(url, shared);
    }
    return shared.then((response) => response.clone());
  };
}
