/** Which report pages a viewer can open, for the landing page and each page's navigation. Browser-safe. */
export interface ReportAccess {
  area: boolean;
  referrer: { organisationId: string; organisationName: string }[];
  provider: { organisationId: string; organisationName: string }[];
}

export function reportLinks(access: ReportAccess): { to: string; label: string }[] {
  return [
    { to: "/reports", label: "All reports" },
    ...(access.referrer.length ? [{ to: "/reports/referrals", label: "Your referrals" }] : []),
    ...(access.provider.length ? [{ to: "/reports/activities", label: "Your activities" }] : []),
    ...(access.area ? [{ to: "/reports/area", label: "The area" }] : []),
    ...(access.area || access.referrer.length || access.provider.length ? [{ to: "/reports/impact", label: "Wellbeing" }] : []),
    ...(access.area ? [{ to: "/reports/gaps", label: "Gap map" }] : []),
  ];
}
