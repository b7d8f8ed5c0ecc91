import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/accounts/index.server";
import { periodSearch, reportLinks } from "~/modules/reports";
import { reportAccess, reportQueryFrom, viewerOf } from "~/modules/reports/index.server";
import { ReportFilters } from "~/components/reports/report-filters";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Reports — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const access = await reportAccess(viewerOf(current));
  if (!access.area && access.referrer.length === 0 && access.provider.length === 0) throw notFound();
  const { query, raw, errors } = reportQueryFrom(request);
  return { access, query, raw, errors };
}

const descriptions: Record<string, string> = {
  "/reports/referrals": "How your team's referrals went: accepted, booked, went, completed; what stalled and why.",
  "/reports/activities": "Your activities: referrals received, attendance and no-shows per session, how full sessions are, the waitlist.",
  "/reports/area": "The whole area: what is on offer, what people need, how referrals convert, where places run short.",
  "/reports/impact": "Wellbeing before and after, by kind of activity and by how many sessions people went to.",
  "/reports/gaps": "Where people looked for something and found little nearby, or were turned away because it was full.",
};

export default function ReportsIndex() {
  const { access, query, raw, errors } = useLoaderData<typeof loader>();
  const search = periodSearch(query);
  return (
    <div className="container">
      <h1>Reports</h1>
      <p className="lede">Figures from the referrals, bookings and attendance recorded in Linkway. Choose a period, then a report.</p>
      <ReportFilters query={query} raw={raw} errors={errors} />
      <ul className="card-list">
        {reportLinks(access)
          .filter((l) => l.to !== "/reports")
          .map((l) => (
            <li key={l.to} className="card">
              <h2>
                <Link to={`${l.to}${search}`}>{l.label}</Link>
              </h2>
              <p>{descriptions[l.to]}</p>
            </li>
          ))}
      </ul>
      {access.area && <p className="muted">Area figures never show a person. Any count from 1 to 4 shows as “&lt; 5”, and percentages built on one are withheld.</p>}
    </div>
  );
}
