import { useEffect, useState } from "react";

/**
 * Whether a CSS media query matches, following changes (a phone turned
 * sideways). False on the server and until hydration: callers must treat
 * false as "not known yet" and render what suits the smallest screen.
 */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(false);
  useEffect(() => {
    const list = window.matchMedia(query);
    setMatches(list.matches);
    const onChange = (event: MediaQueryListEvent) => setMatches(event.matches);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, [query]);
  return matches;
}
