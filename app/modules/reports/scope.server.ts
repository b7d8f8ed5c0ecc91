/**
 * Who may see which report. Every report verb starts here: the route passes
 * the signed-in user and what they asked for; these answer with the scope
 * the queries are limited to, or null (the route answers 404, so a report of
 * an organisation you are not in does not reveal that it exists).
 */
import { listMemberships, type MembershipView, type Role } from "~/modules/accounts/index.server";

export interface ReportViewer {
  id: string;
  isAdmin: boolean;
  isCommissioner: boolean;
}

export interface OrganisationScope {
  organisationId: string;
  organisationName: string;
  role: Role;
  userId: string;
}

export interface AreaScope {
  town: string | null;
  category: string | null;
}

export interface ReportViews {
  area: boolean;
  referrer: MembershipView[];
  provider: MembershipView[];
}

/** Commissioners and admins see the whole area: aggregates only, never a person. */
export const seesArea = (viewer: ReportViewer) => viewer.isAdmin || viewer.isCommissioner;

export async function reportViews(viewer: ReportViewer): Promise<ReportViews> {
  const memberships = await listMemberships(viewer.id);
  return {
    area: seesArea(viewer),
    referrer: memberships.filter((m) => m.kind === "referrer"),
    provider: memberships.filter((m) => m.kind === "provider"),
  };
}

/** The viewer's organisation of this kind: the one asked for, or their first. */
export async function organisationScope(viewer: ReportViewer, kind: "referrer" | "provider", organisationId?: string): Promise<OrganisationScope | null> {
  const memberships = (await listMemberships(viewer.id)).filter((m) => m.kind === kind);
  const m = organisationId ? memberships.find((x) => x.organisationId === organisationId) : memberships[0];
  if (!m) return null;
  return { organisationId: m.organisationId, organisationName: m.organisationName, role: m.role, userId: viewer.id };
}

export function areaScope(viewer: ReportViewer, filters: { town?: string; category?: string }): AreaScope | null {
  if (!seesArea(viewer)) return null;
  return { town: filters.town || null, category: filters.category || null };
}
