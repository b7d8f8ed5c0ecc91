/**
 * Loads the deterministic demo data (db/seed) into an empty database, through
 * the same domain code the site uses: passwords hashed like real ones and
 * sessions materialised from the schedules.
 */
import { count, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, memberships, organisations, schedules, users } from "#db/schema";
import { demoPassword, generateDemoData } from "#db/seed/demo-data";
import { hashPassword } from "../accounts/password.server";
import { materialiseSchedule } from "../activities/materialise-sessions.server";

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
  // One hash for every demo account: they share the published demo password.
  const passwordHash = await hashPassword(demoPassword);
  const now = options.now ?? new Date();

  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(data.organisations);
    await tx.insert(users).values(data.users.map((u) => ({ ...u, passwordHash, emailVerifiedAt: now })));
    await tx.insert(memberships).values(data.memberships);
    for (const batch of chunks(data.activities, 100)) await tx.insert(activities).values(batch);
    for (const batch of chunks(data.schedules, 200)) await tx.insert(schedules).values(batch);
    const capacityOf = new Map(data.activities.map((a) => [a.id, a.capacity ?? 12]));
    const rows = await tx.select().from(schedules);
    for (const schedule of rows) {
      const [activity] = await tx.select({ status: activities.status }).from(activities).where(eq(activities.id, schedule.activityId));
      if (activity?.status === "archived") continue;
      await materialiseSchedule(tx, schedule, { capacity: capacityOf.get(schedule.activityId) ?? 12, now });
    }
  });
  return true;
}
