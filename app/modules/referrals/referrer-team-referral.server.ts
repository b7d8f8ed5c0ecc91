/**
 * Who on the referrer side may see and change a referral: the members of the
 * organisation that made it. Written once, because the caseload page, the
 * referral's page and its connection actions each ask it, and a copy that
 * forgot a check would show one team another team's people.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { referrals } from "#db/schema";
import { isUuid } from "~/utils/ids";
import type { ReferralStatus } from "./lifecycle";

/**
 * The referral when one of these organisations made it, else null (also for no organisations or an id that is not
 * a referral's). `lock` holds it until the caller's transaction ends, for a change that depends on its status.
 */
export async function findReferrerTeamReferral(
  executor: Executor,
  referralId: string,
  organisationIds: string[],
  options: { lock?: boolean } = {},
): Promise<{ id: string; status: ReferralStatus } | null> {
  if (organisationIds.length === 0 || !isUuid(referralId)) return null;
  const query = executor
    .select({ id: referrals.id, status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.id, referralId), inArray(referrals.referrerOrganisationId, organisationIds)));
  const [row] = await (options.lock ? query.for("update") : query);
  return row ?? null;
}
