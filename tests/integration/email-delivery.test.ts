/**
 * Regression: delivering to the development mailbox wrote through a second
 * handle while the outbox row's transaction was open, which never finishes on
 * PGlite's single connection (the worker hung and no email arrived).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { deliverPendingEmails, listDevMailbox, queueEmail } from "~/modules/notifications/index.server";
import { forgetEnv } from "~/utils/env.server";
import { startSmtpSink } from "../setup/processes";

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

describe("email delivery by SMTP", () => {
  it("sends through the server SMTP_URL names now, not the first one it used", async () => {
    const [first, second] = [await startSmtpSink(), await startSmtpSink()];
    const before = process.env.SMTP_URL;
    try {
      const db = await getDb();
      for (const [sink, subject] of [[first, "To the first"], [second, "To the second"]] as const) {
        process.env.SMTP_URL = sink.url;
        forgetEnv();
        await queueEmail(db, { to: "someone@example.test", subject, text: "Plain words" });
        expect(await deliverPendingEmails()).toBe(1);
      }
      expect(first.received.map((m) => m.subject)).toEqual(["To the first"]);
      expect(second.received.map((m) => m.subject)).toEqual(["To the second"]);
    } finally {
      // A test after this one should not send to a sink that is closed.
      if (before === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = before;
      forgetEnv();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
