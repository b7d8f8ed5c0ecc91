/**
 * Regression: delivering to the development mailbox wrote through a second
 * handle while the outbox row's transaction was open, which never finishes on
 * PGlite's single connection (the worker hung and no email arrived).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { deliverPendingEmails, listDevMailbox, queueEmail } from "~/modules/notifications/index.server";

describe("email delivery without SMTP", () => {
  it("lands queued messages in the development mailbox", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "Someone@Example.test", subject: "Hello", text: "Plain words" });
    const delivered = await Promise.race([
      deliverPendingEmails(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("delivery hung")), 10_000)),
    ]);
    expect(delivered).toBe(1);
    expect((await listDevMailbox({ to: "someone@example.test" })).map((m) => m.subject)).toEqual(["Hello"]);
  });
});
