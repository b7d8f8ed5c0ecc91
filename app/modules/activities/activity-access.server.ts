/**
 * Who may change an activity: members (any role) of the organisation that
 * runs it. Unlike an organisation's private pages, an activity's existence is
 * public, so someone signed in but outside the organisation gets a 403 rather
 * than a 404; an unknown or malformed id is a 404; nobody signed in goes to
 * sign in.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities } from "#db/schema";
import { requireOrgOfKind, requireUser, type CurrentUser, findMembership, type MembershipView } from "~/modules/accounts/index.server";
import { forbidden, notFound } from "~/utils/http.server";
import { readQuery } from "~/utils/read-form.server";
import type { ActivityStatus } from "./vocabulary";
import { isUuid } from "~/utils/ids";

export interface ActivityRef {
  id: string;
  organisationId: string;
  status: ActivityStatus;
  title: string;
  timezone: string;
}

export async function requireActivityMember(
  request: Request,
  activityId: string | undefined,
): Promise<CurrentUser & { activity: ActivityRef; membership: MembershipView }> {
  const current = await requireUser(request);
  if (!isUuid(activityId)) throw notFound("We could not find that activity.");
  const db = await getDb();
  const [activity] = await db
    .select({
      id: activities.id,
      organisationId: activities.organisationId,
      status: activities.status,
      title: activities.title,
      timezone: activities.timezone,
    })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!activity) throw notFound("We could not find that activity.");
  const membership = await findMembership(current.user.id, activity.organisationId);
  if (!membership) throw forbidden("Only members of the organisation that runs this activity can change it.");
  return { ...current, activity, membership };
}

/**
 * The provider organisation an organiser is working in: the one named by
 * `?org=` when they belong to several, otherwise their first.
 */
export async function requireProviderOrganisation(
  request: Request,
): Promise<CurrentUser & { organisation: MembershipView; providerOrganisations: MembershipView[] }> {
  const current = await requireOrgOfKind(request, "provider");
  const providerOrganisations = current.memberships.filter((m) => m.kind === "provider");
  const wanted = readQuery(request).get("org");
  const organisation = wanted
    ? providerOrganisations.find((m) => m.organisationId === wanted)
    : providerOrganisations[0];
  if (!organisation) throw forbidden("You are not a member of that organisation.");
  return { ...current, organisation, providerOrganisations };
}
