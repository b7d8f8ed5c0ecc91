import { eq } from "drizzle-orm";
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
});
