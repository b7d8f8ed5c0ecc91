/**
 * Sent emails must not keep people's private links: once delivered, the
 * outbox keeps only the address and subject, and forgets even that after
 * OUTBOX_RETENTION_DAYS.
 */
import { isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { deliverPendingEmails, listDevMailbox, queueEmail, discardPendingMessages, enqueue, pruneSettledMessages } from "~/modules/notifications/index.server";
import { DAY_MS } from "~/utils/time";

const link = "https://linkway.example/r/abcdefghijklmnopqrstuvwxyz234567";

/** Each test writes to its own addresses: the file shares one database. */
async function rows(...addresses: string[]) {
  const db = await getDb();
  const all = await db.select({ topic: outbox.topic, payload: outbox.payload, processedAt: outbox.processedAt }).from(outbox).orderBy(outbox.id);
  return all.filter((row) => addresses.includes(String(row.payload.to ?? row.payload.activityId)));
}

describe("what the outbox keeps", () => {
  it("keeps only the address and subject of a sent email; the person still gets the whole message", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "joan@example.test", subject: "Your referral", text: `Open ${link}`, html: `<a href="${link}">Open</a>` });
    await enqueue(db, "search", { activityId: "a1" });
    expect(await deliverPendingEmails()).toBe(1);
    const [email, search] = await rows("joan@example.test", "a1");
    expect(email.payload).toEqual({ to: "joan@example.test", subject: "Your referral" });
    expect(JSON.stringify(email.payload)).not.toContain(link);
    // Other topics are not messages to people and stay as they were.
    expect(search.payload).toEqual({ activityId: "a1" });
    expect((await listDevMailbox({ to: "joan@example.test" }))[0].text).toContain(link);
  });

  it("drops the body of messages settled without sending, too", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "demo@example.test", subject: "Made-up history", text: `Open ${link}` });
    expect(await discardPendingMessages(db, { afterId: 0, topics: ["email"], reason: "demo history" })).toBe(1);
    expect((await rows("demo@example.test"))[0].payload).toEqual({ to: "demo@example.test", subject: "Made-up history" });
  });

  it("forgets settled messages after the retention period, never one still waiting", async () => {
    const db = await getDb();
    await queueEmail(db, { to: "old@example.test", subject: "Sent long ago", text: "x" });
    await deliverPendingEmails();
    await queueEmail(db, { to: "waiting@example.test", subject: "Not yet due", text: "x" }, { availableAt: new Date(Date.now() + 365 * DAY_MS) });

    expect(await pruneSettledMessages({ days: 90, now: new Date(Date.now() + 89 * DAY_MS) })).toBe(0);
    expect(await pruneSettledMessages({ days: 90, now: new Date(Date.now() + 91 * DAY_MS) })).toBeGreaterThanOrEqual(1);
    const left = await rows("old@example.test", "waiting@example.test");
    expect(left.map((r) => r.payload.subject)).toEqual(["Not yet due"]);
    expect(left[0].processedAt).toBeNull();
    // Everything still in the outbox is waiting.
    expect((await db.select().from(outbox).where(isNotNull(outbox.processedAt))).length).toBe(0);
  });
});
