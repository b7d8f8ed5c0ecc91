import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/layout/data-table";
import { requireOrgOfKind } from "~/modules/accounts/index.server";
import { listOrganiserReferrals } from "~/modules/referrals/index.server";

export const meta: MetaFunction = () => [{ title: "Referrals to your activities — Linkway" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisationIds } = await requireOrgOfKind(request, "provider");
  return listOrganiserReferrals(organisationIds);
}

export default function OrganiserInbox() {
  const { waiting, recent, sessions } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>Referrals to your activities</h1>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for your answer ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <p>Nothing is waiting. New referrals for activities that you screen appear here.</p>
        ) : (
          <ul className="card-list">
            {waiting.map((r) => (
              <li key={r.id} className="card">
                <h3>
                  <Link to={`/organiser/referrals/${r.id}`}>
                    {r.name}, {r.activityTitle}
                  </Link>
                </h3>
                <p className="meta-row">
                  <span>{r.code}</span>
                  <span>From {r.from}</span>
                  <span>Received {r.received}</span>
                </p>
                {r.reasons.length > 0 && (
                  <p>
                    {r.reasons.map((x) => (
                      <span key={x} className="tag">
                        {x}
                      </span>
                    ))}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Who is coming (next four weeks)</h2>
        {sessions.length === 0 ? (
          <p>Nobody has booked a session yet.</p>
        ) : (
          <ul className="card-list">
            {sessions.map((s) => (
              <li key={s.id} className="card">
                <Link to={`/organiser/sessions/${s.id}/bookings`}>
                  {s.activityTitle}: {s.when}
                </Link>
                <br />
                {s.booked} of {s.capacity} places taken{s.waiting ? `, ${s.waiting} waiting` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent referrals</h2>
        {recent.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <DataTable caption="Recent referrals" columns={["Person", "Activity", "Status", "Received"]}>
            {recent.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/organiser/referrals/${r.id}`}>{r.name}</Link> <span className="muted">{r.code}</span>
                </td>
                <td>{r.activityTitle}</td>
                <td>{r.statusLabel}</td>
                <td>{r.received}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
