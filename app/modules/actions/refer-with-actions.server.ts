/**
 * The referral form with connection actions: the referrals module opens the
 * referrals (or one referral of actions only), and the actions are written
 * in the same transaction, on each new referral. Everything is checked
 * before anything is written, so a bad date leaves nothing behind.
 */
import { getDb } from "#db/client";
import { createReferrals, type OpenReferralsResult } from "~/modules/referrals/index.server";
import { now as clockNow } from "~/utils/clock.server";
import { insertPrescriptions, resolvePrescription } from "./prescribe.server";
import type { ReferWithActionsValues } from "./schemas";

export type ReferWithActionsResult = OpenReferralsResult | { kind: "invalid"; fieldErrors: Record<string, string[]> };

export async function referWithActions(
  values: ReferWithActionsValues,
  referrer: { userId: string; organisationId: string },
  now: Date = clockNow(),
): Promise<ReferWithActionsResult> {
  const db = await getDb();
  const resolved = await db.transaction(async (tx) => {
    const out = [];
    for (const [i, action] of values.actions.entries()) out.push(await resolvePrescription(tx, action, now, `actions[${i}].`));
    return out;
  });
  const refused = resolved.filter((r) => !r.ok);
  if (refused.length) return { kind: "invalid", fieldErrors: Object.assign({}, ...refused.map((r) => (r.ok ? {} : r.fieldErrors))) };
  const rows = resolved.flatMap((r) => (r.ok ? [r.row] : []));
  const { actions: _actions, ...referral } = values;
  return createReferrals(referral, referrer, now, {
    // One plan for the person, not one per activity: the actions go on the form's first referral.
    alsoWrite: rows.length ? async (tx, opened) => insertPrescriptions(tx, opened[0].id, rows, referrer.userId, now) : undefined,
  });
}
