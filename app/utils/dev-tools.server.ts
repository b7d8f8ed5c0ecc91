/**
 * The development tools — the mailbox (`/dev/mailbox`), the texts inbox
 * (`/dev/texts`) and the clock (`/dev/clock`) — show every password-reset
 * link and every person's private link. They are open only on a local demo
 * site: one listening on this computer's loopback address alone, with no
 * public address (`PUBLIC_URL` unset, or itself on this computer), and then
 * only to requests that come from this computer and not through a proxy.
 * `npm start` without settings is such a site, and says so at start-up.
 */
import { isIP } from "node:net";
import type { Env } from "./env.server";

type Settings = Pick<Env, "HOST" | "PUBLIC_URL">;

/** A host name or address that means "this computer". */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1" || bare === "::ffff:127.0.0.1" || /^::ffff:127\./.test(bare);
}

function publicUrlIsLocal(settings: Settings): boolean {
  return !settings.PUBLIC_URL || isLoopbackHost(new URL(settings.PUBLIC_URL).hostname);
}

/**
 * Where the server listens: `HOST` when set; otherwise this computer only,
 * unless `PUBLIC_URL` names a public address (then every address, as a
 * public site behind a proxy or in a container needs). undefined = every address.
 */
export function listenHost(settings: Settings): string | undefined {
  if (settings.HOST) return settings.HOST;
  return publicUrlIsLocal(settings) ? "127.0.0.1" : undefined;
}

export interface DevToolsAccess {
  open: boolean;
  /** What start-up prints about them (a warning either way); null on a normal public site. */
  notice: string | null;
}

export function devToolsAccess(settings: Settings): DevToolsAccess {
  const host = listenHost(settings);
  const loopbackOnly = host !== undefined && isLoopbackHost(host);
  if (loopbackOnly && publicUrlIsLocal(settings)) {
    return {
      open: true,
      notice:
        `LOCAL DEMO MODE — listening on ${host} only. The development mailbox (/dev/mailbox), texts (/dev/texts) and ` +
        "clock (/dev/clock) are open to this computer: they show password-reset and private links, so never use " +
        "this mode for real people. To put Linkway online, set PUBLIC_URL (and SMTP_URL); see the README.",
    };
  }
  if (!settings.PUBLIC_URL && !loopbackOnly) {
    return {
      open: false,
      notice:
        `WARNING — listening on ${host ?? "every network address"} without PUBLIC_URL. The development mailbox, texts ` +
        "and clock are switched off, because anyone who can reach this port could read private links in them. " +
        "Set PUBLIC_URL to the address people use, or leave HOST unset to try Linkway on this computer only.",
    };
  }
  return { open: false, notice: null };
}

/** The paths of the development tools (and Remix's data requests for them). */
export function isDevToolPath(path: string): boolean {
  return /^\/dev(\/|\.data$|$)/.test(path);
}
