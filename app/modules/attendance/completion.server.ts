/**
 * Completing a referral once the activity's programme has ended for someone
 * attending. (Completion after N attended sessions happens as attendance is
 * marked; the referrer's "Mark as completed" is referrals' completeReferral.)
 */
import { eq, sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client";
import { referrals } from "#db/schema";
import { transitionReferral } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { programmeHasEnded } from "./completion-rules";

/** Worker job: people still "attending" an activity whose programme has ended are completed. */
export async function completeFinishedProgrammes(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? clockNow();
  const db = await getDb();
  const rows = await queryRows<{ id: string; open_ended: boolean; last_ends_at: string | Date | null }>(
    db,
    sql`select * from (
          select r.id,
            exists (select 1 from schedules sc where sc.activity_id = r.activity_id and sc.until is null) as open_ended,
            (select max(s.ends_at) from sessions s where s.activity_id = r.activity_id and s.status = 'scheduled') as last_ends_at
          from referrals r
          where r.status = 'attending'
        ) candidates
        where not open_ended and last_ends_at <= ${now.toISOString()}::timestamptz
        limit 500`,
  );
  let completed = 0;
  for (const row of rows) {
    const facts = { hasOpenEndedSchedule: Boolean(row.open_ended), lastSessionEndsAt: row.last_ends_at ? new Date(row.last_ends_at) : null };
    if (!programmeHasEnded(facts, now)) continue;
    await db.transaction(async (tx) => {
      const [current] = await tx.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, row.id)).for("update");
      if (current?.status !== "attending") return;
      await transitionReferral(tx, {
        referralId: row.id,
        to: "completed",
        actor: { type: "system" },
        note: "The programme has ended",
        now,
      });
      completed++;
    });
  }
  return completed;
}
