/**
 * The SMS provider calls back with delivery receipts and replies. Both carry
 * the bearer token set as TEXT_CALLBACK_TOKEN (Notify sends the one you give
 * it with each callback URL); without the setting, callbacks are refused.
 */
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "~/utils/env.server";

export function callbackAuthorised(request: Request): boolean {
  const expected = env().TEXT_CALLBACK_TOKEN;
  if (!expected) return false;
  const given = /^Bearer (.+)$/.exec(request.headers.get("Authorization") ?? "")?.[1] ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Notify's delivery receipt (the fields we use); other providers send the same names. */
export const deliveryReceiptSchema = z.object({
  id: z.string().max(100).optional().nullable(),
  reference: z.string().max(100).optional().nullable(),
  status: z.string().min(1).max(40),
});

/** Notify's received-text callback (the fields we use). */
export const receivedTextSchema = z.object({
  source_number: z.string().min(5).max(30),
  message: z.string().max(1000),
});
