import { useMatches, useRouteLoaderData } from "@remix-run/react";

/** What pages know about the signed-in person (from the root loader): nothing sensitive. */
export interface Viewer {
  name: string;
  isAdmin: boolean;
  isCommissioner: boolean;
  kinds: ("provider" | "referrer")[];
}

export function useViewer(): Viewer | null {
  return useRouteLoaderData<{ user: Viewer | null }>("root")?.user ?? null;
}

/** Staff actions show only to the staff who can take them: "Refer" to a member of a referring team. */
export function canRefer(viewer: Viewer | null): boolean {
  return viewer?.kinds.includes("referrer") ?? false;
}

/**
 * A route exports `handle = privatePageHandle` when it is a person's private page (their link, no account):
 * the header then offers no sign-in or account links, which would suggest they need an account.
 */
export const privatePageHandle = { chrome: "private" } as const;

export function useIsPrivatePage(): boolean {
  return useMatches().some((m) => (m.handle as { chrome?: string } | undefined)?.chrome === "private");
}
