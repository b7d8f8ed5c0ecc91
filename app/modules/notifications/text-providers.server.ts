/**
 * Where texts go, chosen by environment variables (textMode): GOV.UK Notify
 * (NOTIFY_API_KEY + NOTIFY_SMS_TEMPLATE_ID), a generic HTTP gateway
 * (SMS_HTTP_URL), or, on a site on its own machine, the development text
 * inbox at /dev/texts. A public production site with none of them keeps its
 * texts waiting in the outbox and says why.
 *
 * Each text carries a reference, the same on every retry, so a provider
 * never sends one twice: Notify is asked whether it already has a text with
 * that reference before a retry sends again; the HTTP gateway gets it as an
 * Idempotency-Key.
 */
import type { NotifyClient } from "notifications-node-client";
import type { Executor } from "#db/client";
import { devTexts } from "#db/schema";
import type { Env } from "~/utils/env.server";

export interface OutgoingText {
  to: string;
  body: string;
  /** Unique per message and stable across retries. */
  reference: string;
}

/** A refusal the provider will repeat whatever we do (a bad number): not retried. */
export class PermanentTextFailure extends Error {}

export interface TextProvider {
  name: "notify" | "http" | "dev-inbox";
  /** Sends the text; `retry` is true when an earlier attempt may have reached the provider. Returns the provider's id. */
  send(text: OutgoingText, context: { executor: Executor; retry: boolean }): Promise<{ providerId: string | null }>;
}

export type TextMode = "notify" | "http" | "dev-inbox" | "unconfigured";

export function textMode(e: Pick<Env, "NOTIFY_API_KEY" | "NOTIFY_SMS_TEMPLATE_ID" | "SMS_HTTP_URL" | "PUBLIC_URL" | "NODE_ENV">): TextMode {
  if (e.NOTIFY_API_KEY && e.NOTIFY_SMS_TEMPLATE_ID) return "notify";
  if (e.SMS_HTTP_URL) return "http";
  return e.NODE_ENV === "production" && e.PUBLIC_URL ? "unconfigured" : "dev-inbox";
}

interface AxiosLikeError {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  message?: string;
}

function notifyError(error: unknown): Error {
  const e = error as AxiosLikeError;
  const status = e.response?.status;
  const detail = e.response?.data?.errors?.map((x) => x.message).join("; ") || e.message || "unknown error";
  // 400 (a bad number, a missing template field) and 403 (a bad key) will not get better by retrying; 429 and 5xx may.
  if (status === 400) return new PermanentTextFailure(`Notify refused the text: ${detail}`);
  return new Error(`Notify ${status ?? "unreachable"}: ${detail}`);
}

export function notifyProvider(apiKey: string, templateId: string, baseUrl?: string): TextProvider {
  // Loaded with the first text (it brings axios): only sites that send texts through Notify need it.
  let connected: Promise<NotifyClient> | undefined;
  const connect = () =>
    (connected ??= import("notifications-node-client").then(({ NotifyClient }) => (baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey))));
  return {
    name: "notify",
    async send(text, { retry }) {
      const client = await connect();
      if (retry) {
        // The last attempt may have reached Notify before failing here: look before sending again.
        try {
          const found = await client.getNotifications("sms", undefined, text.reference);
          const existing = (found.data as { notifications?: { id: string }[] }).notifications?.[0];
          if (existing) return { providerId: existing.id };
        } catch (error) {
          throw notifyError(error);
        }
      }
      try {
        const response = await client.sendSms(templateId, text.to, { personalisation: { body: text.body }, reference: text.reference });
        return { providerId: (response.data as { id?: string }).id ?? null };
      } catch (error) {
        throw notifyError(error);
      }
    },
  };
}

export function httpProvider(url: string, token: string | undefined): TextProvider {
  return {
    name: "http",
    async send(text) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Idempotency-Key": text.reference,
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ to: text.to, body: text.body, reference: text.reference }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new Error(`SMS gateway unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const body = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        throw new PermanentTextFailure(`SMS gateway refused the text (${response.status}): ${body.error ?? "no reason given"}`);
      }
      if (!response.ok) throw new Error(`SMS gateway ${response.status}: ${body.error ?? "no reason given"}`);
      return { providerId: body.id ?? null };
    },
  };
}

export const devInboxProvider: TextProvider = {
  name: "dev-inbox",
  async send(text, { executor }) {
    await executor.insert(devTexts).values({ direction: "out", to: text.to, text: text.body });
    return { providerId: null };
  },
};

export function textProviderFor(e: Env): TextProvider | null {
  switch (textMode(e)) {
    case "notify":
      return notifyProvider(e.NOTIFY_API_KEY!, e.NOTIFY_SMS_TEMPLATE_ID!, e.NOTIFY_BASE_URL);
    case "http":
      return httpProvider(e.SMS_HTTP_URL!, e.SMS_HTTP_TOKEN);
    case "dev-inbox":
      return devInboxProvider;
    case "unconfigured":
      return null;
  }
}
