/**
 * Completing a referral: by the referrer ("Mark as completed"), or by the
 * worker once the activity's programme has ended for someone attending.
 * (Completion after N attended sessions happens as attendance is marked.)
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb, queryRows } from "#db/client";
import { memberships, referrals } from "#db/schema";
import { IllegalTransitionError, transitionReferral, type Referral, dropStallFlag } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { isUuid } from "~/utils/ids";
import { programmeHasEnded } from "./completion-rules";

export type CompleteResult =
  | { ok: true; referral: Referral }
  | { ok: false; status: 404 | 409; error: string };

/**
 * The referrer's verb: the referring user, or a member of the referring
 * organisation, marks the referral completed. 404 for anyone else; 409 when
 * the referral's status does not allow it (nothing is written).
 */
export async function completeReferral(input: { referralId: string; userId: string; note?: string | null; now?: Date }): Promise<CompleteResult> {
  if (!isUuid(input.referralId)) return { ok: false, status: 404, error: "We could not find that referral." };
  const now = input.now ?? clockNow();
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [referral] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId));
      if (!referral) return { ok: false, status: 404, error: "We could not find that referral." } as const;
      const isReferrer = referral.referrerUserId === input.userId;
      const [member] = referral.referrerOrganisationId
        ? await tx
            .select({ role: memberships.role })
            .from(memberships)
            .where(and(eq(memberships.organisationId, referral.referrerOrganisationId), eq(memberships.userId, input.userId)))
        : [];
      if (!isReferrer && !member) return { ok: false, status: 404, error: "We could not find that referral." } as const;
      const updated = await transitionReferral(tx, {
        referralId: referral.id,
        to: "completed",
        actor: { type: "user", userId: input.userId },
        note: input.note?.trim() || "Marked as completed by the referrer",
        now,
      });
      if (updated.stalledAt) await dropStallFlag(tx, updated.id);
      return { ok: true, referral: { ...updated, stalledAt: null, stalledReason: null } } as const;
    });
  } catch (error) {
    if (error instanceof IllegalTransitionError) return { ok: false, status: 409, error: error.message };
    throw error;
  }
}

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
