/**
 * A new user starts the demo and opens the development mailbox (issue 15): the demo's six months of history were
 * dealt with as they happened, so the worker's first round finds nothing to flag and the mailbox is not flooded
 * with "needs your attention" alerts about the past.
 */
import { and, eq, isNotNull, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { devMailbox, referrals } from "../../db/schema";
import { loadDemoDataIfEmpty } from "~/modules/demo/index.server";
import { deliverPendingEmails } from "~/modules/notifications/index.server";
import { runJobsOnce } from "~/modules/worker/index.server";

beforeAll(async () => {
  expect(await loadDemoDataIfEmpty()).toBe(true);
}, 600_000);

it("the worker's first round after the demo loads sends a handful of emails, no alerts about the past", async () => {
  const db = await getDb();
  // The history still has people who stopped going, flagged when they did.
  const flagged = await db.select({ id: referrals.id }).from(referrals).where(and(eq(referrals.stalledReason, "stopped_after_attending"), isNotNull(referrals.stalledAt)));
  expect(flagged.length).toBeGreaterThan(0);

  await runJobsOnce();
  await deliverPendingEmails();

  const alerts = await db.select({ subject: devMailbox.subject }).from(devMailbox).where(like(devMailbox.subject, "%needs your attention%"));
  expect(alerts).toEqual([]);
  const all = await db.select({ subject: devMailbox.subject }).from(devMailbox);
  expect(all.length, all.map((m) => m.subject).join("\n")).toBeLessThanOrEqual(10);
}, 600_000);
