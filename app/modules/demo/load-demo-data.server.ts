/**
 * Loads the deterministic demo data (db/seed) into an empty database, through
 * the same domain code the site uses: passwords hashed like real ones,
 * sessions materialised from the schedules, and the demo referrals replayed
 * through the referral, booking and attendance verbs.
 */
import { count, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, memberships, organisations, schedules, users } from "#db/schema";
import { demoPassword, generateDemoData } from "#db/seed/demo-data";
import { demoReferralStories } from "#db/seed/demo-referrals";
import { now as clockNow } from "~/utils/clock.server";
import { logger } from "~/utils/logger.server";
import { hashPassword } from "~/modules/accounts/index.server";
import { HORIZON_WEEKS, materialiseSchedules } from "~/modules/activities/index.server";
import { HISTORY_WEEKS, historyActivities, writeDemoHistory } from "./demo-history.server";
import { catchUpWorker, playDemoReferrals } from "./demo-referrals.server";
import { addDays } from "~/utils/time";

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Returns true when data was loaded, false when the database already had organisations. */
export async function loadDemoDataIfEmpty(options: { now?: Date } = {}): Promise<boolean> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(organisations);
  if (Number(n) > 0) return false;

  const data = generateDemoData();
  const stories = demoReferralStories(data);
  // One hash for every demo account: they share the published demo password.
  const passwordHash = await hashPassword(demoPassword);
  const now = options.now ?? clockNow();

  // The referral stories happened in the weeks before today, so their activities, and every activity of the
  // demo organiser's group (whose registers the organiser sees), get the sessions a site running all along
  // would have made: back to one horizon ago. Every other activity starts from today, as before.
  const firstProviderId = data.organisations.find((o) => o.kind === "provider")?.id;
  const withHistory = new Set([
    ...data.activities.filter((a) => a.organisationId === firstProviderId).map((a) => a.id),
    ...stories.map((s) => s.activityId),
  ]);
  const historyFrom = addDays(now, -(HORIZON_WEEKS * 7));
  // The reports' six months of history (demo-history.server.ts) need sessions that far back.
  const longHistory = new Set(historyActivities(data).map((a) => a.id));
  const longHistoryFrom = addDays(now, -(HISTORY_WEEKS * 7));

  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(data.organisations);
    await tx.insert(users).values(data.users.map((u) => ({ ...u, passwordHash, emailVerifiedAt: now })));
    await tx.insert(memberships).values(data.memberships);
    for (const batch of chunks(data.activities, 100)) await tx.insert(activities).values(batch);
    for (const batch of chunks(data.schedules, 200)) await tx.insert(schedules).values(batch);
    const capacityOf = new Map(data.activities.map((a) => [a.id, a.capacity ?? 12]));
    const archived = new Set((await tx.select({ id: activities.id }).from(activities).where(eq(activities.status, "archived"))).map((a) => a.id));
    const live = (await tx.select().from(schedules)).filter((schedule) => !archived.has(schedule.activityId));
    await materialiseSchedules(
      tx,
      live.map((schedule) => ({
        schedule,
        capacity: capacityOf.get(schedule.activityId) ?? 12,
        from: longHistory.has(schedule.activityId) ? longHistoryFrom : withHistory.has(schedule.activityId) ? historyFrom : now,
      })),
      { now },
    );
  });

  try {
    await playDemoReferrals(data, stories, now);
  } catch (error) {
    // The directory and the accounts are loaded; a site without the demo referrals is still worth starting.
    logger.error({ err: error }, "the demo referrals could not be loaded");
  }
  try {
    const started = performance.now();
    const written = await writeDemoHistory(data, now);
    await catchUpWorker(now);
    logger.info({ ...written, ms: Math.round(performance.now() - started) }, "the demo's six months of history written");
  } catch (error) {
    logger.error({ err: error }, "the demo's six months of history could not be loaded");
  }
  return true;
}
