import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { referralEvents, referrals } from "../../db/schema";
import { canTransition, IllegalTransitionError, referralStatuses, transitionReferral } from "~/modules/referrals/index.server";
import { createActivity } from "../factories";
import { createReferrer, refer } from "../factories/referrals";
import { snapshotCounts } from "../factories/counts";

describe("transitionReferral on the database", () => {
  it("makes every legal move with one event, and refuses every illegal one writing nothing", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: true });
    const person = await refer(activity.id, referrer);
    const db = await getDb();
    for (const from of referralStatuses) {
      for (const to of referralStatuses) {
        await db.update(referrals).set({ status: from }).where(eq(referrals.id, person.id));
        const before = await snapshotCounts();
        const eventsBefore = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id));
        const attempt = db.transaction((tx) => transitionReferral(tx, { referralId: person.id, to, actor: { type: "user", userId: referrer.user.id }, note: "test" }));
        if (canTransition(from, to)) {
          const updated = await attempt;
          expect(updated.status).toBe(to);
          const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id));
          expect(events.length - eventsBefore.length).toBe(1);
          expect(events.at(-1)).toMatchObject({ kind: "status", fromStatus: from, toStatus: to, actorType: "user", actorUserId: referrer.user.id });
        } else {
          await expect(attempt).rejects.toBeInstanceOf(IllegalTransitionError);
          expect(await snapshotCounts()).toEqual(before);
        }
      }
    }
  });

  it("with the status the caller expects: the same moves when it is current, and a stale one decides from the row as it is", async () => {
    const referrer = await createReferrer();
    const activity = await createActivity({ requiresScreening: true });
    const person = await refer(activity.id, referrer);
    const db = await getDb();
    const actor = { type: "user" as const, userId: referrer.user.id };
    for (const from of referralStatuses) {
      for (const to of referralStatuses) {
        // The most dangerous stale copy: one from which this move would be legal.
        const stale = referralStatuses.find((s) => s !== from && canTransition(s, to));
        for (const expectedFrom of [from, stale]) {
          if (!expectedFrom) continue;
          await db.update(referrals).set({ status: from }).where(eq(referrals.id, person.id));
          const before = await snapshotCounts();
          const attempt = db.transaction((tx) => transitionReferral(tx, { referralId: person.id, to, actor, expectedFrom }));
          if (canTransition(from, to)) {
            expect((await attempt).status).toBe(to);
            const [last] = await db.select().from(referralEvents).where(eq(referralEvents.referralId, person.id)).orderBy(desc(referralEvents.id)).limit(1);
            // The event names the status the referral really had, not the caller's copy.
            expect(last).toMatchObject({ kind: "status", fromStatus: from, toStatus: to });
          } else {
            await expect(attempt).rejects.toBeInstanceOf(IllegalTransitionError);
            expect(await snapshotCounts()).toEqual(before);
            const [row] = await db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, person.id));
            expect(row.status).toBe(from);
          }
        }
      }
    }
  });
});
