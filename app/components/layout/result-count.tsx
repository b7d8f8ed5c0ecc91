import type { ReactNode } from "react";

/** "1 entry", "12 entries": announced when a filter changes the list. Anything after the count is the children. */
export function ResultCount({ count, one, many, children }: { count: number; one: string; many: string; children?: ReactNode }) {
  return (
    <p role="status">
      {count} {count === 1 ? one : many}
      {children}
    </p>
  );
}
